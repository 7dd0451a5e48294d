package io.workflow.perf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.workflow.perf.model.CpuPerRequest;
import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.writer.HtmlWriter;
import io.workflow.perf.report.writer.MarkdownWriter;
import io.workflow.perf.testing.ReportChecks;
import io.workflow.perf.testing.SampleReports;

/** Every format is well-formed and shows the figures of report.json. */
class ReportFormatsTest {

    private final RunReport report = SampleReports.report(1.0, 1000, 100, 10_000);

    private static String markdown(RunReport report) {
        return MarkdownWriter.render(ReportDocument.of(report));
    }

    private static String html(RunReport report) {
        return HtmlWriter.render(ReportDocument.of(report));
    }

    /** The figures each phase must show wherever its section appears, formatted as the reports format them. */
    private static List<String> headlineFigures(PhaseResult phase) {
        return List.of(
                Format.rate(phase.throughput().requestsPerSecond()),
                Format.rate(phase.throughput().successfulPerSecond()),
                Format.count(phase.requests().sent()),
                Format.seconds(phase.wallSeconds()),
                Format.ms(phase.latency().meanMs()),
                Format.ms(phase.latency().p50Ms()),
                Format.ms(phase.latency().p90Ms()),
                Format.ms(phase.latency().p95Ms()),
                Format.ms(phase.latency().p99Ms()),
                Format.ms(phase.latency().minMs()),
                Format.ms(phase.latency().maxMs()),
                Format.percent(phase.errors().ratePercent()));
    }

    @Test
    void json_parsesAndReadsBackToTheSameReport(@TempDir Path dir) throws IOException {
        String json = JsonReport.render(report);
        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.path("schema").asText()).isEqualTo(RunReport.SCHEMA);
        assertThat(tree.path("phases")).hasSize(9);
        JsonNode first = tree.path("phases").get(0);
        assertThat(first.path("throughput").path("requestsPerSecond").asDouble())
                .isEqualTo(report.phases().getFirst().throughput().requestsPerSecond());
        assertThat(first.path("latency").path("p99Ms").asDouble()).isEqualTo(report.phases().getFirst().latency().p99Ms());
        assertThat(first.path("errors").path("kinds").get(0).path("kind").asText()).isEqualTo("HTTP_5XX");
        assertThat(tree.path("multipliers").get(0).path("throughput").isNumber()).isTrue();
        JsonNode cpu = tree.path("cpuPerRequest").get(1);
        assertThat(cpu.path("target").asText()).isEqualTo("java");
        assertThat(cpu.path("totalMicros").asDouble()).isEqualTo(report.cpuPerRequest().get(1).totalMicros());
        assertThat(cpu.path("ratioToDriverOnStub").asDouble()).isEqualTo(report.cpuPerRequest().get(1).ratioToDriverOnStub());
        assertThat(cpu.path("groups").get(0).path("micros").isNumber()).isTrue();
        assertThat(first.path("resources").get(0).path("cpuSeconds").asDouble()).isEqualTo(0.8325, within(1e-9));

        Path file = Files.writeString(dir.resolve("report.json"), json);
        assertThat(JsonReport.read(file)).isEqualTo(report);
    }

    @Test
    void markdown_hasEverySectionOfTheSeedAndBalancedBlocksAndTables() {
        String md = markdown(report);
        ReportChecks.assertWellFormedMarkdown(md);
        assertThat(md).contains("## Table of Contents", "### 3.1 Head-to-Head Comparison (1,000 Concurrent Users)",
                "### 4.2 Percentile Ladder", "### 6.4 Run Completion", "### 9.1 Scorecard", "### 9.3 CPU per Request",
                "Scaling Comparison");
    }

    @Test
    void markdown_showsTheFiguresOfTheJson() {
        String md = markdown(report);
        for (PhaseResult phase : report.phases()) {
            assertThat(md).contains(headlineFigures(phase));
            for (EndpointResult endpoint : phase.endpoints()) {
                assertThat(md).contains(Format.ms(endpoint.latency().meanMs()), Format.ms(endpoint.latency().p99Ms()));
            }
        }
        PhaseResult headline = report.phases().getFirst();
        assertThat(md).contains(Format.count(headline.completion().success()) + "/" + Format.count(headline.completion().triggered()));
        assertThat(md).contains(Format.ms(headline.completion().triggerToTerminal().p50Ms()));
        assertThat(md).contains(Format.mb(headline.resources().getFirst().rssMbMax()), Format.cpu(headline.resources().getFirst().cpuPercentMean()));
        assertThat(md).contains(Format.times(report.multipliers().getFirst().throughput()));
        assertThat(md).contains(Format.times(report.ceilings().getFirst().headroom()));
        assertThat(md).contains(report.environment().command(), report.environment().cpuModel());
        assertThat(md).contains(cpuFigures());
    }

    /** CPU per request: every phase's total, and each target's ratio to the driver on the stub. */
    private List<String> cpuFigures() {
        List<String> figures = new ArrayList<>();
        for (CpuPerRequest cpu : report.cpuPerRequest()) {
            figures.add(Format.micros(cpu.totalMicros()));
            if (!cpu.stub()) {
                figures.add(Format.times(cpu.ratioToDriverOnStub()));
            }
        }
        return figures;
    }

    @Test
    void html_isWellFormedSelfContainedAndHasCharts() throws Exception {
        String html = html(report);
        ReportChecks.assertSelfContainedHtml(html);
        // the sample's error body holds <, & and quotes: escaped, or the parse above would have failed
        assertThat(html).contains("&lt;boom&gt; &amp;");
    }

    @Test
    void html_showsTheFiguresOfTheJson() {
        String html = html(report);
        for (PhaseResult phase : report.phases()) {
            assertThat(html).contains(headlineFigures(phase));
            for (EndpointResult endpoint : phase.endpoints()) {
                assertThat(html).contains(Format.ms(endpoint.latency().meanMs()), Format.ms(endpoint.latency().p99Ms()));
            }
        }
        assertThat(html).contains(Format.times(report.multipliers().getFirst().throughput()));
        assertThat(html).contains(Format.times(report.ceilings().getFirst().headroom()));
        assertThat(html).contains(cpuFigures());
    }

    @Test
    void writesTheThreeFiles(@TempDir Path dir) throws IOException {
        List<Path> written = ReportFiles.write(report, dir.resolve("out"));
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("report.md", "report.json", "report.html");
        assertThat(written).allSatisfy(p -> assertThat(Files.size(p)).isPositive());
    }

    @Test
    void console_printsTheSeedsTwoTablesPerLevel() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.summary(new PrintStream(bytes, true, StandardCharsets.UTF_8), report);
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertThat(console).contains("OVERALL PERFORMANCE SUMMARY — 1,000 concurrent users",
                "PER-ENDPOINT PERFORMANCE — 10,000 concurrent users", "stub (client ceiling)", "Headroom of stub over java");
        for (PhaseResult phase : report.phases()) {
            assertThat(console).contains(Format.rate(phase.throughput().requestsPerSecond()), Format.ms(phase.latency().p99Ms()));
        }
    }

    @Test
    void givenASingleTargetAndLevel_reportsStillRender() {
        PhaseResult only = SampleReports.phase("java", false, 50, 0.5, 0, 1, 20);
        RunReport single = new RunReport(RunReport.SCHEMA, report.generatedAt(), report.environment(), report.settings(), null,
                List.of(only), List.of(), List.of());
        assertThat(markdown(single)).contains("One contender at this level", "No stub target", "Only one load level");
        assertThat(html(single)).contains("<svg");
    }
}
