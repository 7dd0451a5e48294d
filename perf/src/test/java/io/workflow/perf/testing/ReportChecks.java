package io.workflow.perf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import io.workflow.perf.report.ReportDocument;
import io.workflow.perf.report.document.Section;

/** What every report.md and report.html must be, whatever figures they hold. */
public final class ReportChecks {

    private ReportChecks() {
    }

    /** Every numbered section with its heading and its entry in the contents, balanced fences, rows as wide as their header. */
    public static void assertWellFormedMarkdown(String md) {
        for (String title : ReportDocument.SECTIONS) {
            assertThat(md).contains("\n## " + title + "\n");
            assertThat(md).contains("](#" + Section.anchor(title) + ")");
        }
        assertThat(md.split("```", -1).length % 2).as("code fences are balanced").isEqualTo(1);
        String[] lines = md.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].matches("\\|(---:?\\|)+")) {
                int columns = cells(lines[i - 1]);
                for (int j = i + 1; j < lines.length && lines[j].startsWith("|"); j++) {
                    assertThat(cells(lines[j])).as("row %d of the table at line %d", j, i).isEqualTo(columns);
                }
            }
        }
    }

    private static int cells(String row) {
        return row.replace("\\|", "").split("\\|", -1).length - 2;
    }

    /** Well-formed XML with every numbered section and at least ten SVG charts, loading nothing from anywhere. */
    public static Document assertSelfContainedHtml(String html) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("html");
        assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength()).isGreaterThanOrEqualTo(10);
        for (String title : ReportDocument.SECTIONS) {
            assertThat(html).contains("id=\"" + Section.anchor(title) + "\"");
        }
        assertThat(html).doesNotContain("<script", "<link", "<img", "<iframe", "@import", "url(");
        Matcher loads = Pattern.compile("(src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (loads.find()) {
            assertThat(loads.group(2)).as("only in-page links").startsWith("#");
        }
        return document;
    }
}
