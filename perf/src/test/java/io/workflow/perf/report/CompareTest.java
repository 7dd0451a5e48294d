package io.workflow.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.workflow.perf.command.CompareCommand;
import io.workflow.perf.command.ExitCode;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.testing.SampleReports;

class CompareTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path write(String name, RunReport report) throws IOException {
        return Files.writeString(dir.resolve(name), JsonReport.render(report));
    }

    private int compare(String... args) {
        return CompareCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void givenSlowerNewRun_verdictIsRegressed_andExitCodeOne() throws IOException {
        Path base = write("base.json", SampleReports.report(1.0, 1000));
        Path slower = write("new.json", SampleReports.report(1.5, 1000));
        assertThat(compare(base.toString(), slower.toString())).isEqualTo(ExitCode.REGRESSED);
        assertThat(output()).contains("verdict: REGRESSED").containsPattern("java closed-loop 1000 +│ +throughput_rps .*REGRESSED")
                .containsPattern("java closed-loop 1000 +│ +p99_ms .*REGRESSED");
    }

    @Test
    void givenFasterNewRun_verdictIsImproved_andExitCodeZero() throws IOException {
        Path base = write("base.json", SampleReports.report(1.5, 1000));
        Path faster = write("new.json", SampleReports.report(1.0, 1000));
        assertThat(compare(base.toString(), faster.toString())).isEqualTo(ExitCode.OK);
        assertThat(output()).contains("verdict: OK").containsPattern("java closed-loop 1000 +│ +throughput_rps .*IMPROVED")
                .doesNotContain("REGRESSED");
    }

    @Test
    void givenChangesWithinThresholds_verdictIsUnchanged() {
        Compare.Result result = Compare.compare(SampleReports.report(1.0, 1000), SampleReports.report(1.05, 1000), Compare.defaultMetrics());
        assertThat(result.regressed()).isFalse();
        assertThat(result.rows()).filteredOn(r -> r.phase().startsWith("java")).extracting(Compare.Row::verdict)
                .containsOnly(Compare.Verdict.UNCHANGED);
    }

    @Test
    void givenATighterThreshold_aSmallSlowdownRegresses() throws IOException {
        Path base = write("base.json", SampleReports.report(1.0, 1000));
        Path slightly = write("new.json", SampleReports.report(1.05, 1000));
        assertThat(compare(base.toString(), slightly.toString())).isEqualTo(ExitCode.OK);
        assertThat(compare(base.toString(), slightly.toString(), "--threshold", "throughput_rps=2")).isEqualTo(ExitCode.REGRESSED);
    }

    @Test
    void latencyChangesBelowOneMillisecondAreNoise() {
        Compare.Metric p50 = Compare.defaultMetrics().stream().filter(m -> m.name().equals("p50_ms")).findFirst().orElseThrow();
        var base = SampleReports.report(1.0, 1000);
        var tiny = new RunReport(base.schema(), base.generatedAt(), base.environment(), base.settings(), base.stubTarget(),
                List.of(SampleReports.phase("java", false, 1000, 1, 0, 0.1, 0.4)), List.of(), List.of());
        var doubled = new RunReport(base.schema(), base.generatedAt(), base.environment(), base.settings(), base.stubTarget(),
                List.of(SampleReports.phase("java", false, 1000, 1, 0, 0.2, 0.8)), List.of(), List.of());
        assertThat(Compare.compare(tiny, doubled, List.of(p50)).rows()).singleElement()
                .satisfies(row -> assertThat(row.verdict()).isEqualTo(Compare.Verdict.UNCHANGED));
    }

    @Test
    void moreErrorsRegressInPercentagePoints() {
        var base = SampleReports.report(1.0, 1000);
        var failing = new RunReport(base.schema(), base.generatedAt(), base.environment(), base.settings(), base.stubTarget(),
                List.of(SampleReports.phase("java", false, 1000, 1.74, 200, 11.77, 512)), List.of(), List.of());
        Compare.Result result = Compare.compare(base, failing, Compare.defaultMetrics());
        assertThat(result.rows()).filteredOn(r -> r.metric().equals("error_rate_pct")).singleElement()
                .satisfies(row -> {
                    assertThat(row.verdict()).isEqualTo(Compare.Verdict.REGRESSED);
                    assertThat(row.change()).isGreaterThan(1);
                });
        assertThat(result.unmatched()).contains("python closed-loop 1000 (only in BASE)", "stub closed-loop 1000 (only in BASE)");
    }

    @Test
    void moreCpuPerRequest_isARegression_lessIsAnImprovement() throws IOException {
        RunReport base = SampleReports.report(1.0, 1000);
        Path before = write("base.json", base);
        Path costlier = write("costlier.json", SampleReports.withCpu(base, 1.3));
        assertThat(compare(before.toString(), costlier.toString())).isEqualTo(ExitCode.REGRESSED);
        assertThat(output()).containsPattern("java closed-loop 1000 +│ +cpu_us_per_request .*\\+30\\.0% .*REGRESSED")
                .doesNotContainPattern("throughput_rps .*REGRESSED");

        Compare.Result cheaper = Compare.compare(base, SampleReports.withCpu(base, 0.7), Compare.defaultMetrics());
        assertThat(cheaper.regressed()).isFalse();
        assertThat(cheaper.rows()).filteredOn(r -> r.metric().equals("cpu_us_per_request")).hasSize(3)
                .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(Compare.Verdict.IMPROVED));
        assertThat(Compare.compare(base, SampleReports.withCpu(base, 1.1), Compare.defaultMetrics()).regressed())
                .as("within the 20 % threshold").isFalse();
    }

    @Test
    void aReportWrittenBeforeCpuPerRequest_comparesAsBefore_andItsCpuComesFromTheSeries() throws IOException {
        RunReport report = SampleReports.report(1.0, 1000);
        ObjectNode old = (ObjectNode) MAPPER.readTree(JsonReport.render(report));
        old.remove("cpuPerRequest");
        old.path("phases").forEach(phase -> phase.path("resources").forEach(r -> ((ObjectNode) r).remove("cpuSeconds")));
        Path base = Files.writeString(dir.resolve("old.json"), MAPPER.writeValueAsString(old));
        assertThat(JsonReport.read(base).cpuPerRequest()).isEqualTo(report.cpuPerRequest());

        Path current = write("new.json", report);
        assertThat(compare(base.toString(), current.toString())).isEqualTo(ExitCode.OK);
        assertThat(output()).contains("cpu_us_per_request").contains("verdict: OK");

        // older still: no process sampled at all; that metric is left out, the others are compared
        old.path("phases").forEach(phase -> ((ObjectNode) phase).putArray("resources"));
        Path unsampled = Files.writeString(dir.resolve("unsampled.json"), MAPPER.writeValueAsString(old));
        Compare.Result result = Compare.compare(JsonReport.read(unsampled), report, Compare.defaultMetrics());
        assertThat(result.rows()).extracting(Compare.Row::metric).doesNotContain("cpu_us_per_request").contains("p99_ms");
        assertThat(result.unmatched()).contains("java closed-loop 1000 cpu_us_per_request (no figure in BASE)");
        assertThat(compare(unsampled.toString(), current.toString())).isEqualTo(ExitCode.OK);
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        assertThat(compare("only-one.json")).isEqualTo(ExitCode.USAGE);
        Path base = write("base.json", SampleReports.report(1.0, 1000));
        assertThat(compare(base.toString(), dir.resolve("missing.json").toString())).isEqualTo(ExitCode.USAGE);
        assertThat(compare(base.toString(), base.toString(), "--threshold", "nonsense=3")).isEqualTo(ExitCode.USAGE);
        Path other = write("other.json", SampleReports.report(1.0, 100));
        assertThat(compare(base.toString(), other.toString())).isEqualTo(ExitCode.USAGE);
        Path notAReport = Files.writeString(dir.resolve("x.json"), "{\"schema\":\"something-else\"}");
        assertThat(compare(base.toString(), notAReport.toString())).isEqualTo(ExitCode.USAGE);
    }
}
