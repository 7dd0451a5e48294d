package io.workflow.perf.report;

import java.util.List;

import io.workflow.perf.model.RunReport;

/** The report's numbered sections, the seed's eleven, shared by the Markdown and HTML reports. */
public final class Sections {

    public static final List<String> TITLES = List.of(
            "1. Test Overview",
            "2. Test Configuration",
            "3. Overall Performance Summary",
            "4. Latency Analysis",
            "5. Throughput Analysis",
            "6. Error Analysis",
            "7. Per-Endpoint Deep Dive",
            "8. Percentile Distribution",
            "9. Comparative Verdict",
            "10. Scaling — Concurrent Users Sweep",
            "11. Test Reproducibility");

    private Sections() {
    }

    /** Where the figures come from: this run, or the runs a merged report combines. */
    static String provenance(RunReport report) {
        if (!report.merged()) {
            return "Every figure below was measured in this run.";
        }
        return "This report merges " + report.sources().size() + " runs ("
                + String.join(", ", report.sources().stream().map(s -> s.name() + ": " + s.file()).toList())
                + "): every figure below was measured in one of them and is copied unchanged, or is a ratio of such figures; "
                + "a target measured in more than one run is named after its run (run/target).";
    }

    static String title(int number) {
        return TITLES.get(number - 1);
    }

    /** The anchor GitHub derives from a heading: lower case, punctuation dropped, spaces to hyphens. */
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
