package io.workflow.perf.report.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import io.workflow.perf.report.document.BarChart;
import io.workflow.perf.report.document.Block.Bullet;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Block.Preformatted;
import io.workflow.perf.report.document.Block.Tone;
import io.workflow.perf.report.document.Document;
import io.workflow.perf.report.document.LineChart;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;
import io.workflow.perf.report.document.Unit;

/** The writers render any document: they know blocks, not what a report's sections mean. */
class DocumentWritersTest {

    private final Table table = Table.builder("Target", "Throughput", "Winner")
            .row("java", "4,016.8", "java | best")
            .row("python", "1,083.7", "—")
            .build();

    private final Document document = new Document("A <small> report", List.of(new Paragraph("Figures are in `report.json`.")),
            List.of(
                    new Section("1. First Things", List.of(new Paragraph("Before the subsections.")), List.of(
                            Section.of("1.1 Table", table),
                            Section.of("1.2 Notes", new Bullets(List.of(new Bullet("fine", Tone.GOOD), new Bullet("wrong", Tone.BAD)))),
                            Section.of("1.3 Commands", new Preformatted("ops/bench-stub start\n", "bash")))),
                    Section.of("2. Charts",
                            BarChart.horizontal("Throughput (req/s)", List.of("java", "python"),
                                    List.of(new BarChart.Series("req/s", Arrays.asList(4000.0, null))), Unit.RATE),
                            LineChart.of("Requests per second", "seconds", Unit.SECONDS, Unit.RATE,
                                    List.of(new LineChart.Line("java", List.of(new LineChart.Point(0.25, 0),
                                            new LineChart.Point(0.5, 100), new LineChart.Point(0.75, 50))))))));

    @Test
    void tableColumns_alignByTheirCells() {
        assertThat(table.columns()).extracting(Table.Column::align)
                .containsExactly(Table.Align.LEFT, Table.Align.RIGHT, Table.Align.LEFT);
    }

    @Test
    void markdown_hasTheTableOfContents_theSectionsAsHeadings_andEveryBlock() {
        String md = MarkdownWriter.render(document);
        assertThat(md).startsWith("# A <small> report\n\nFigures are in `report.json`.\n\n## Table of Contents\n\n"
                + "- [1. First Things](#1-first-things)\n- [2. Charts](#2-charts)\n\n---\n\n## 1. First Things\n\nBefore the subsections.\n\n"
                + "### 1.1 Table\n\n"
                + "| Target | Throughput | Winner |\n|---|---:|---|\n| java | 4,016.8 | java \\| best |\n| python | 1,083.7 | — |\n\n"
                + "### 1.2 Notes\n\n- fine\n- wrong\n\n### 1.3 Commands\n\n```bash\nops/bench-stub start\n```\n\n---\n\n## 2. Charts\n\n");
        assertThat(md).contains("""
                ```
                Throughput (req/s)

                  java    4,000.0 │████████████████████████████████████████
                  python      n/a │
                ```
                """);
        assertThat(md).contains("Requests per second — by seconds\n\n  java  ▁█▅  0.25s … 0.75s, peak 100.0 at 0.50s\n");
        assertThat(md).endsWith("```\n");
    }

    @Test
    void html_isWellFormed_withTheSameSectionsAndBlocks() throws Exception {
        String html = HtmlWriter.render(document);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var dom = factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
        NodeList sections = dom.getElementsByTagName("section");
        assertThat(sections.getLength()).isEqualTo(2);
        assertThat(((Element) sections.item(0)).getAttribute("id")).isEqualTo("1-first-things");
        assertThat(dom.getElementsByTagName("h3").getLength()).isEqualTo(3);
        assertThat(dom.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength()).isEqualTo(2);
        assertThat(html).contains("<title>A &lt;small&gt; report</title>", "<p>Figures are in <code>report.json</code>.</p>",
                "<a href=\"#2-charts\">2. Charts</a>", "<th class=\"l\">Target</th><th>Throughput</th><th class=\"l\">Winner</th>",
                "<tr><th scope=\"row\" class=\"l\">java</th><td>4,016.8</td><td class=\"l\">java | best</td></tr>",
                "<li class=\"ok\">fine</li>", "<li class=\"bad\">wrong</li>", "<pre>ops/bench-stub start\n</pre>");
    }

    @Test
    void text_isTheConsolesView_withAlignedTables() {
        String text = TextWriter.render(document);
        assertThat(text).contains("""

                1.1 Table
                  Target │ Throughput │ Winner
                  ───────┼────────────┼────────────
                  java   │    4,016.8 │ java | best
                  python │    1,083.7 │ —
                """, "• fine\n• wrong\n");
    }
}
