package io.workflow.perf.report.writer;

import java.util.List;

import io.workflow.perf.report.document.BarChart;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Block.Preformatted;
import io.workflow.perf.report.document.Document;
import io.workflow.perf.report.document.LineChart;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;

/** A document as plain text for the console: headings as lines, tables with aligned columns, charts in blocks. */
public final class TextWriter {

    private TextWriter() {
    }

    public static String render(Document document) {
        StringBuilder out = new StringBuilder();
        if (!document.title().isEmpty()) {
            out.append(document.title()).append('\n');
        }
        document.preface().forEach(block -> block(out, block));
        document.sections().forEach(section -> section(out, section));
        return out.toString();
    }

    private static void section(StringBuilder out, Section section) {
        out.append('\n').append(section.title()).append('\n');
        section.blocks().forEach(block -> block(out, block));
        section.subsections().forEach(sub -> section(out, sub));
    }

    private static void block(StringBuilder out, Block block) {
        switch (block) {
            case Paragraph p -> out.append(p.text()).append('\n');
            case Bullets b -> b.items().forEach(item -> out.append("• ").append(item.text()).append('\n'));
            case Table t -> out.append(table(t, "  "));
            case Preformatted p -> out.append(p.text()).append(p.text().endsWith("\n") ? "" : "\n");
            case BarChart c -> out.append(TextChart.bars(c));
            case LineChart c -> out.append(TextChart.lines(c));
        }
    }

    /** Columns padded to their widest cell and aligned as the table says, separated by {@code │}. */
    public static String table(Table table, String indent) {
        int[] widths = new int[table.columns().size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = table.columns().get(c).name().length();
            for (List<String> row : table.rows()) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, indent, table, table.header(), widths);
        out.append(indent);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "" : "─┼─").append("─".repeat(widths[c]));
        }
        out.append('\n');
        table.rows().forEach(row -> line(out, indent, table, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, String indent, Table table, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < cells.size(); c++) {
            boolean left = table.columns().get(c).align() == Table.Align.LEFT;
            line.append(c == 0 ? "" : " │ ").append(left ? TextChart.pad(cells.get(c), widths[c]) : TextChart.padLeft(cells.get(c), widths[c]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
