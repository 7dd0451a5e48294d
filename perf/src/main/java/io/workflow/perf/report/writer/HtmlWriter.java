package io.workflow.perf.report.writer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.workflow.perf.report.document.BarChart;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Block.Preformatted;
import io.workflow.perf.report.document.Block.Tone;
import io.workflow.perf.report.document.Document;
import io.workflow.perf.report.document.LineChart;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;

/**
 * A document as one self-contained HTML page: inline CSS and SVG charts, no scripts, nothing loaded. Written as
 * well-formed XML so that a parser can check it.
 */
public final class HtmlWriter {

    private static final String STYLE = """
            body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
            h1{font-size:1.6em}h2{border-bottom:2px solid #4e79a7;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}
            thead th{background:#eef2f7}tbody th{font-weight:normal}.l{text-align:left}
            pre{background:#f6f8fa;padding:.8em;overflow-x:auto;font-size:.85em}
            code{background:#f6f8fa;padding:0 .2em}
            svg{display:block;margin:1em 0;max-width:100%;height:auto}
            .ok{color:#2e7d32}.bad{color:#c62828}nav li{margin:.15em 0}
            """;
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private HtmlWriter() {
    }

    public static String render(Document document) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n")
                .append("<head>\n<meta charset=\"utf-8\"/>\n<title>").append(Markup.escape(document.title()))
                .append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<h1>")
                .append(Markup.escape(document.title())).append("</h1>\n");
        document.preface().forEach(block -> block(html, block));
        html.append("<nav><h2>Table of Contents</h2><ul>\n");
        document.sections().forEach(s -> html.append("<li><a href=\"#").append(s.anchor()).append("\">")
                .append(Markup.escape(s.title())).append("</a></li>\n"));
        html.append("</ul></nav>\n");
        for (Section section : document.sections()) {
            html.append("<section id=\"").append(section.anchor()).append("\">\n");
            section(html, section, 2);
            html.append("</section>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void section(StringBuilder html, Section section, int level) {
        html.append("<h").append(level).append('>').append(Markup.escape(section.title())).append("</h").append(level).append(">\n");
        section.blocks().forEach(block -> block(html, block));
        section.subsections().forEach(sub -> section(html, sub, Math.min(6, level + 1)));
    }

    private static void block(StringBuilder html, Block block) {
        switch (block) {
            case Paragraph p -> html.append("<p>").append(inline(p.text())).append("</p>\n");
            case Bullets b -> {
                html.append("<ul>\n");
                b.items().forEach(item -> html.append(item.tone() == Tone.PLAIN ? "<li>"
                        : "<li class=\"" + (item.tone() == Tone.GOOD ? "ok" : "bad") + "\">").append(inline(item.text())).append("</li>\n"));
                html.append("</ul>\n");
            }
            case Table t -> table(html, t);
            case Preformatted p -> html.append("<pre>").append(Markup.escape(p.text())).append("</pre>\n");
            case BarChart c -> html.append(SvgChart.bars(c));
            case LineChart c -> html.append(SvgChart.lines(c));
        }
    }

    /** Escaped text with {@code `code`} as code elements. */
    private static String inline(String text) {
        Matcher code = CODE.matcher(Markup.escape(text));
        return code.replaceAll(match -> Matcher.quoteReplacement("<code>" + match.group(1) + "</code>"));
    }

    private static void table(StringBuilder html, Table table) {
        html.append("<table>\n<thead><tr>");
        for (Table.Column column : table.columns()) {
            html.append(column.align() == Table.Align.LEFT ? "<th class=\"l\">" : "<th>").append(Markup.escape(column.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String tag = c == 0 ? "th" : "td";
                html.append('<').append(tag).append(c == 0 ? " scope=\"row\"" : "")
                        .append(table.columns().get(c).align() == Table.Align.LEFT ? " class=\"l\">" : ">")
                        .append(Markup.escape(row.get(c))).append("</").append(tag).append('>');
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }
}
