package io.workflow.perf.report.document;

import java.util.List;

/** A titled part of a document: its own blocks first, then its subsections. */
public record Section(String title, List<Block> blocks, List<Section> subsections) {

    public Section {
        blocks = List.copyOf(blocks);
        subsections = List.copyOf(subsections);
    }

    /** A section of blocks only. */
    public static Section of(String title, List<Block> blocks) {
        return new Section(title, blocks, List.of());
    }

    public static Section of(String title, Block... blocks) {
        return of(title, List.of(blocks));
    }

    /** A section of subsections only. */
    public static Section parent(String title, List<Section> subsections) {
        return new Section(title, List.of(), subsections);
    }

    /** The anchor GitHub derives from this heading, which the HTML writer uses as the section's id too. */
    public String anchor() {
        return anchor(title);
    }

    /** Lower case, punctuation dropped, spaces to hyphens: {@code 10. Scaling — Users} is {@code 10-scaling--users}. */
    public static String anchor(String title) {
        StringBuilder anchor = new StringBuilder();
        for (char c : title.toLowerCase().toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-') {
                anchor.append(c);
            } else if (c == ' ') {
                anchor.append('-');
            }
        }
        return anchor.toString();
    }
}
