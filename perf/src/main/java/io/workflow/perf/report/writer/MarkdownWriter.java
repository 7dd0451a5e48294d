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

/** A document as GitHub-flavoured Markdown: a table of contents, tables as tables, charts in block characters. */
public final class MarkdownWriter {

    private MarkdownWriter() {
    }

    public static String render(Document document) {
        StringBuilder md = new StringBuilder("# ").append(document.title()).append("\n\n");
        document.preface().forEach(block -> block(md, block));
        md.append("## Table of Contents\n\n");
        document.sections().forEach(s -> md.append("- [").append(s.title()).append("](#").append(s.anchor()).append(")\n"));
        md.append('\n');
        for (Section section : document.sections()) {
            md.append("---\n\n");
            section(md, section, 2);
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static void section(StringBuilder md, Section section, int level) {
        md.append("#".repeat(level)).append(' ').append(section.title()).append("\n\n");
        section.blocks().forEach(block -> block(md, block));
        section.subsections().forEach(sub -> section(md, sub, level + 1));
    }

    private static void block(StringBuilder md, Block block) {
        switch (block) {
            case Paragraph p -> md.append(p.text()).append("\n\n");
            case Bullets b -> {
                b.items().forEach(item -> md.append("- ").append(item.text()).append('\n'));
                md.append('\n');
            }
            case Table t -> table(md, t);
            case Preformatted p -> fenced(md, p.language(), p.text());
            case BarChart c -> fenced(md, "", TextChart.bars(c));
            case LineChart c -> fenced(md, "", TextChart.lines(c));
        }
    }

    private static void fenced(StringBuilder md, String language, String text) {
        md.append("```").append(language).append('\n').append(text);
        if (!text.endsWith("\n")) {
            md.append('\n');
        }
        md.append("```\n\n");
    }

    private static void table(StringBuilder md, Table table) {
        md.append("| ").append(String.join(" | ", escape(table.header()))).append(" |\n|");
        table.columns().forEach(c -> md.append(c.align() == Table.Align.RIGHT ? "---:|" : "---|"));
        md.append('\n');
        table.rows().forEach(row -> md.append("| ").append(String.join(" | ", escape(row))).append(" |\n"));
        md.append('\n');
    }

    private static List<String> escape(List<String> cells) {
        return cells.stream().map(cell -> cell.replace("|", "\\|").replace("\n", " ")).toList();
    }
}
