package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for the console and the Markdown's figure blocks. */
final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    TextTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    TextTable row(String... cells) {
        return row(List.of(cells));
    }

    List<String> header() {
        return header;
    }

    List<List<String>> rows() {
        return rows;
    }

    /** First column left-aligned, the others right-aligned, separated by {@code │}. */
    String render(String indent) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, indent, header, widths);
        out.append(indent);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "" : "─┼─").append("─".repeat(widths[c]));
        }
        out.append('\n');
        rows.forEach(row -> line(out, indent, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, String indent, List<String> cells, int[] widths) {
        out.append(indent);
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            out.append(c == 0 ? "" : " │ ").append(c == 0 ? cell + pad : pad + cell);
        }
        out.append('\n');
    }

    /** As a GitHub-flavoured Markdown table. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", escape(header))).append(" |\n|");
        for (int c = 0; c < header.size(); c++) {
            out.append(c > 0 && numeric(c) ? "---:|" : "---|");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", escape(row))).append(" |\n");
        }
        return out.toString();
    }

    /** As an HTML table; the first column is the row header. */
    String html() {
        StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
        header.forEach(cell -> out.append("<th>").append(Markup.escape(cell)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                out.append(c == 0 ? "<th scope=\"row\">" : "<td>").append(Markup.escape(row.get(c))).append(c == 0 ? "</th>" : "</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    /** Whether every cell of column {@code c} is a figure, which reads best right-aligned. */
    private boolean numeric(int c) {
        return !rows.isEmpty() && rows.stream().map(row -> row.get(c))
                .allMatch(cell -> cell.equals("—") || cell.equals("n/a") || (!cell.isEmpty() && Character.isDigit(cell.charAt(0))));
    }

    private static List<String> escape(List<String> cells) {
        return cells.stream().map(cell -> cell.replace("|", "\\|")).toList();
    }
}
