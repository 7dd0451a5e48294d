package io.workflow.perf.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.workflow.perf.Main;
import io.workflow.perf.model.CeilingCheck;
import io.workflow.perf.model.CpuPerRequest;
import io.workflow.perf.model.Multipliers;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.ReportSource;
import io.workflow.perf.model.ResourceUsage;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.JsonReport;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.testing.ReportChecks;
import io.workflow.perf.testing.SampleReports;

/** {@code perf merge}: the reports of two runs (one per topology) become one, figures unchanged. */
class MergeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** single: one API and one worker; full: the scaled-out stack, whose stub was slower (headroom below 3×). */
    private final RunReport single = SampleReports.topology("java", 1.74, 0.35, "single", "2025-06-01T10:05:00Z", 1000, 100);
    private final RunReport full = SampleReports.topology("java", 0.9, 0.5, "full", "2025-06-01T11:05:00Z", 1000, 100, 10_000);

    private int perf(String... args) {
        return Main.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String folder, RunReport report) throws IOException {
        Path file = dir.resolve(folder).resolve("report.json");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, JsonReport.render(report));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path mergeBoth() throws IOException {
        Path singleFile = write("single", single);
        Path fullFile = write("full", full);
        Path merged = dir.resolve("merged");
        int exit = perf("merge", singleFile.toString(), fullFile.toString(), "--out", merged.toString(), "--title", "Single vs Full Topology");
        assertThat(exit).as(errors()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + merged.resolve("report.json"));
        return merged;
    }

    @Test
    void mergedJson_holdsEveryPhaseOfBothRuns_withIdenticalFigures() throws IOException {
        Path merged = mergeBoth();
        JsonNode tree = MAPPER.readTree(merged.resolve("report.json").toFile());
        assertThat(tree.path("schema").asText()).isEqualTo(RunReport.SCHEMA);
        assertThat(tree.path("title").asText()).isEqualTo("Single vs Full Topology");
        assertThat(tree.path("phases")).hasSize(single.phases().size() + full.phases().size());

        for (String run : List.of("single", "full")) {
            JsonNode input = MAPPER.readTree(dir.resolve(run).resolve("report.json").toFile());
            for (JsonNode phase : input.path("phases")) {
                String name = run + "/" + phase.path("target").asText();
                List<JsonNode> matches = new ArrayList<>();
                tree.path("phases").forEach(p -> {
                    if (p.path("target").asText().equals(name) && p.path("concurrency").asInt() == phase.path("concurrency").asInt()) {
                        matches.add(p);
                    }
                });
                ObjectNode expected = phase.deepCopy();
                expected.put("target", name);
                expected.path("resources").forEach(r -> {
                    if (r.path("name").asText().equals(phase.path("target").asText())) {
                        ((ObjectNode) r).put("name", name);
                    }
                });
                assertThat(matches).as(name + " at " + phase.path("concurrency")).singleElement().isEqualTo(expected);
            }
        }

        RunReport report = JsonReport.read(merged.resolve("report.json"));
        assertThat(report.phases()).extracting(p -> p.concurrency() + " " + p.target()).containsExactly(
                "1000 single/java", "1000 single/stub", "1000 full/java", "1000 full/stub",
                "100 single/java", "100 single/stub", "100 full/java", "100 full/stub",
                "10000 full/java", "10000 full/stub");
        assertThat(report.settings().users()).containsExactly(1000, 100, 10_000);
        assertThat(report.settings().targets()).extracting(t -> t.name() + (t.stub() ? " stub" : ""))
                .containsExactly("single/java", "single/stub stub", "full/java", "full/stub stub");
        assertThat(report.sources()).extracting(ReportSource::name).containsExactly("single", "full");
        assertThat(report.sources()).extracting(s -> s.environment().command())
                .containsExactly(single.environment().command(), full.environment().command());
        assertThat(report.sources()).extracting(ReportSource::generatedAt).containsExactly(single.generatedAt(), full.generatedAt());
        assertThat(report.sources().getFirst().settings()).isEqualTo(single.settings());
        assertThat(report.sources().getFirst().targets()).containsExactly(Map.entry("java", "single/java"), Map.entry("stub", "single/stub"));
    }

    @Test
    void eachTargetIsCheckedAgainstTheStubOfItsOwnRun_andMultipliersSpanTheRuns() throws IOException {
        RunReport report = JsonReport.read(mergeBoth().resolve("report.json"));
        assertThat(report.ceilings()).hasSize(5).allSatisfy(c ->
                assertThat(c.stub().split("/")[0]).as(c.target() + " vs " + c.stub()).isEqualTo(c.target().split("/")[0]));
        for (CeilingCheck input : single.ceilings()) {
            assertThat(report.ceilings()).contains(new CeilingCheck(input.concurrency(), "single/java", input.targetRequestsPerSecond(),
                    "single/stub", input.stubRequestsPerSecond(), input.headroom(), input.sufficient()));
        }
        for (CeilingCheck input : full.ceilings()) {
            assertThat(report.ceilings()).contains(new CeilingCheck(input.concurrency(), "full/java", input.targetRequestsPerSecond(),
                    "full/stub", input.stubRequestsPerSecond(), input.headroom(), input.sufficient()));
        }
        assertThat(report.ceilings()).filteredOn(c -> c.target().equals("single/java")).allMatch(CeilingCheck::sufficient);
        assertThat(report.ceilings()).filteredOn(c -> c.target().equals("full/java")).noneMatch(CeilingCheck::sufficient);

        // full/java against single/java wherever both ran; the stubs are no contenders
        assertThat(report.multipliers()).extracting(m -> m.concurrency() + " " + m.target() + " vs " + m.baseline())
                .containsExactly("1000 full/java vs single/java", "100 full/java vs single/java");
        Multipliers first = report.multipliers().getFirst();
        PhaseResult singleJava = single.phases().getFirst();
        PhaseResult fullJava = full.phases().getFirst();
        assertThat(first.throughput()).isEqualTo(fullJava.throughput().requestsPerSecond() / singleJava.throughput().requestsPerSecond());
        assertThat(first.p99Latency()).isEqualTo(singleJava.latency().p99Ms() / fullJava.latency().p99Ms());
    }

    @Test
    void mergedMarkdown_hasEverySection_andNamesEveryTargetAndRun() throws IOException {
        Path merged = mergeBoth();
        String md = Files.readString(merged.resolve("report.md"));
        assertThat(md).startsWith("# Single vs Full Topology\n");
        ReportChecks.assertWellFormedMarkdown(md);
        assertThat(md).contains("single/java", "single/stub", "full/java", "full/stub", "single/stub (client ceiling)",
                "full/stub (client ceiling)", "This report merges 2 runs");
        assertThat(md).contains("### 3.2 Performance Multipliers", "full/java vs single/java");
        assertThat(md).contains("Headroom of single/stub over single/java", "Headroom of full/stub over full/java")
                .containsPattern("Headroom of full/stub over full/java: [0-9.]+× — BELOW 3.0×");
        assertThat(md).contains("10,000 Concurrent Users — Overall Results", "Scaling Comparison", "10,000 full/java");
        // reproducibility: each run's command line, machine and times, then the merge's own command
        assertThat(md).contains(single.environment().command(), full.environment().command(), "single-box", "full-box",
                single.generatedAt(), full.generatedAt(), "### Environment of Each Run", "# merged into this report");
        for (PhaseResult phase : List.of(single.phases(), full.phases()).stream().flatMap(List::stream).toList()) {
            assertThat(md).contains(Format.rate(phase.throughput().requestsPerSecond()), Format.ms(phase.latency().p99Ms()),
                    Format.ms(phase.latency().meanMs()), Format.percent(phase.errors().ratePercent()));
        }
    }

    @Test
    void mergedHtml_isWellFormedSelfContained_andHasTheTargets() throws Exception {
        String html = Files.readString(mergeBoth().resolve("report.html"));
        ReportChecks.assertSelfContainedHtml(html);
        assertThat(html).contains("<title>Single vs Full Topology</title>", "single/java", "full/java", "single/stub", "full/stub",
                single.environment().command(), full.environment().command());
    }

    @Test
    void targetsFoundInOneRunOnly_keepTheirNames() throws IOException {
        Path a = write("single", SampleReports.topology("api-single", 1.74, 0.35, "single", "2025-06-01T10:05:00Z", 1000));
        Path b = write("full", SampleReports.topology("api-full", 0.9, 0.5, "full", "2025-06-01T11:05:00Z", 1000));
        assertThat(perf("merge", a.toString(), b.toString(), "--out", dir.resolve("merged").toString())).as(errors()).isZero();
        RunReport report = JsonReport.read(dir.resolve("merged").resolve("report.json"));
        assertThat(report.phases()).extracting(PhaseResult::target).containsExactly("api-single", "single/stub", "api-full", "full/stub");
        assertThat(report.ceilings()).extracting(c -> c.target() + " / " + c.stub())
                .containsExactly("api-single / single/stub", "api-full / full/stub");
        assertThat(report.multipliers()).extracting(m -> m.target() + " vs " + m.baseline()).containsExactly("api-full vs api-single");
        assertThat(report.title()).isEqualTo(RunReport.DEFAULT_TITLE);
    }

    @Test
    void runNames_comeFromTheFolder_orTheFile_andStayDistinct() throws IOException {
        assertThat(Merge.sourceName(Path.of("bench/single/report.json"))).isEqualTo("single");
        assertThat(Merge.sourceName(Path.of("full.json"))).isEqualTo("full");
        Path a = write("x/run", single);
        Path b = write("y/run", full);
        assertThat(Merge.read(List.of(a.toString(), b.toString()))).extracting(Merge.Input::name).containsExactly("run", "run-2");
    }

    @Test
    void badInputs_exitWithTwo_andSayWhich() throws IOException {
        Path good = write("single", single);
        Path out = dir.resolve("rejected");

        assertThat(perf("merge", good.toString(), dir.resolve("missing.json").toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(errors()).contains("missing.json: no such file");

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schema\": \"workflow-perf-report/1\", \"phases\": [");
        assertThat(perf("merge", good.toString(), broken.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(errors()).contains("broken.json: not a readable perf report");

        Path other = Files.writeString(dir.resolve("other.json"), "{\"schema\":\"something-else\"}");
        assertThat(perf("merge", good.toString(), other.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(errors()).contains("other.json: not a readable perf report");

        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"schema\":\"workflow-perf-report/1\"}");
        assertThat(perf("merge", good.toString(), empty.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(errors()).contains("empty.json: has no settings or environment");

        assertThat(perf("merge", "--out", out.toString())).isEqualTo(2);
        assertThat(errors()).contains("no report.json given");
        assertThat(perf("merge", good.toString(), "--frobnicate")).isEqualTo(2);
        assertThat(perf("merge", good.toString(), "--out")).isEqualTo(2);
        assertThat(out).doesNotExist();

        Path merged = mergeBoth();
        assertThat(perf("merge", merged.resolve("report.json").toString(), good.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(errors()).contains("already a merged report");
        assertThat(out).doesNotExist();
    }

    @Test
    void unwritableOutput_exitsWithOne() throws IOException {
        Path good = write("single", single);
        Path file = Files.writeString(dir.resolve("a-file"), "");
        assertThat(perf("merge", good.toString(), "--out", file.resolve("sub").toString())).isEqualTo(1);
        assertThat(errors()).contains("cannot write the reports");
    }

    @Test
    void reportsWrittenBeforeTitleSourcesAndCpuPerRequest_readBackWithTheDefaults_andMerge() throws IOException {
        ObjectNode tree = (ObjectNode) MAPPER.readTree(JsonReport.render(single));
        tree.remove("title");
        tree.remove("sources");
        tree.remove("cpuPerRequest");
        tree.path("phases").forEach(phase -> phase.path("resources").forEach(r -> ((ObjectNode) r).remove("cpuSeconds")));
        Path old = Files.writeString(Files.createDirectories(dir.resolve("old")).resolve("report.json"), MAPPER.writeValueAsString(tree));
        RunReport read = JsonReport.read(old);
        assertThat(read).isEqualTo(single);
        assertThat(read.merged()).isFalse();

        Path merged = dir.resolve("merged");
        assertThat(perf("merge", old.toString(), write("full", full).toString(), "--out", merged.toString())).as(errors()).isZero();
        assertThat(MAPPER.readTree(merged.resolve("report.json").toFile()).path("cpuPerRequest")).hasSize(10);
    }

    @Test
    void cpuPerRequest_setsEachTargetAgainstTheDriverOnTheStubOfItsOwnRun() throws IOException {
        RunReport report = JsonReport.read(mergeBoth().resolve("report.json"));
        assertThat(report.cpuPerRequest()).extracting(c -> c.concurrency() + " " + c.target() + " / " + c.stubTarget()).containsExactly(
                "1000 single/java / single/stub", "1000 single/stub / null", "1000 full/java / full/stub", "1000 full/stub / null",
                "100 single/java / single/stub", "100 single/stub / null", "100 full/java / full/stub", "100 full/stub / null",
                "10000 full/java / full/stub", "10000 full/stub / null");
        CpuPerRequest fullJava = report.cpuPerRequest().get(2);
        CpuPerRequest fullStub = report.cpuPerRequest().get(3);
        assertThat(fullJava.driverOnStubMicros()).isEqualTo(fullStub.groupMicros(ResourceUsage.DRIVER).orElseThrow());
        assertThat(fullJava.ratioToDriverOnStub()).isEqualTo(fullJava.totalMicros() / fullJava.driverOnStubMicros());
        String md = Files.readString(dir.resolve("merged").resolve("report.md"));
        assertThat(md).contains("### 9.3 CPU per Request (every load level)", Format.micros(fullJava.totalMicros()),
                Format.times(fullJava.ratioToDriverOnStub()));
    }
}
