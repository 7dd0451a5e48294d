package io.workflow.perf.report.document;

import java.util.List;

/** What a section holds: text, lists, tables, fixed-width text, and charts as data. */
public sealed interface Block permits Block.Paragraph, Block.Bullets, Table, Block.Preformatted, BarChart, LineChart {

    /** A paragraph; text between backticks is code. */
    record Paragraph(String text) implements Block {
    }

    /** A list; a bullet's tone says whether it reports something fine or something wrong. */
    record Bullets(List<Bullet> items) implements Block {

        public Bullets {
            items = List.copyOf(items);
        }

        /** Plain bullets. */
        public static Bullets of(List<String> texts) {
            return new Bullets(texts.stream().map(t -> new Bullet(t, Tone.PLAIN)).toList());
        }
    }

    record Bullet(String text, Tone tone) {
    }

    enum Tone { PLAIN, GOOD, BAD }

    /** Text whose lines and spacing matter (a diagram, commands); {@code language} names it for highlighting, or is empty. */
    record Preformatted(String text, String language) implements Block {

        public static Preformatted of(String text) {
            return new Preformatted(text, "");
        }
    }
}
