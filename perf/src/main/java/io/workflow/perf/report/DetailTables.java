package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.workflow.perf.model.CompletionResult;
import io.workflow.perf.model.Environment;
import io.workflow.perf.model.ErrorKindCount;
import io.workflow.perf.model.LatencySummary;
import io.workflow.perf.model.Multipliers;
import io.workflow.perf.model.OpenLoopResult;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.ReportSource;
import io.workflow.perf.model.ResourceUsage;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.model.Settings;
import io.workflow.perf.model.TargetSpec;
import io.workflow.perf.model.WarmupResult;

/** The report's smaller tables, shared by the Markdown and HTML reports. */
final class DetailTables {

    private DetailTables() {
    }

    static TextTable scope(ReportView view) {
        RunReport report = view.report();
        Settings s = report.settings();
        int level = view.headline();
        TextTable scope = new TextTable(List.of("Aspect", "Detail"));
        List<Integer> levels = view.levels();
        scope.row("Concurrent Users", levels.size() == 1 ? Format.count(level)
                : Format.count(level) + " (headline); sweep: " + String.join(", ", levels.stream().map(n -> Format.count(n)).toList()));
        scope.row("Requests per User", s.requestsPerUser() + " (full API flow)");
        scope.row("Total Requests Target", Format.count((long) level * s.requestsPerUser()) + " per target at the headline level");
        scope.row("Endpoints Tested", s.requestsPerUser() + " (health, root, create/get workflow, trigger, get/list runs)");
        if (report.merged()) {
            List<String> runs = new ArrayList<>();
            for (ReportSource source : report.sources()) {
                runs.add(source.name() + ": " + phaseOrder(source.settings().targets().stream()
                        .map(t -> new TargetSpec(source.merged(t.name()), t.url(), t.stub())).toList()));
            }
            scope.row("Test Phases", report.sources().size() + " runs merged, one after another — " + String.join("; ", runs)
                    + " (each sequential, " + view.perRun(r -> Format.seconds(r.gapSeconds())) + " gap)");
        } else {
            scope.row("Test Phases", phaseOrder(s.targets()) + " (sequential, " + Format.seconds(s.gapSeconds()) + " gap)");
        }
        scope.row("Mode", view.perRun(DetailTables::mode));
        scope.row("Warm-up", view.perRun(r -> r.warmup()
                ? r.warmupRounds() + " × " + r.warmupUsers() + " users before each measured phase, not counted" : "off"));
        scope.row("Run completion", view.perRun(r -> r.completionWaitSeconds() > 0
                ? "every triggered run polled until terminal, at most " + Format.seconds(r.completionWaitSeconds())
                : "not checked"));
        return scope;
    }

    private static String phaseOrder(List<TargetSpec> targets) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            order.add("Phase " + (i + 1) + ": " + targets.get(i).name() + (targets.get(i).stub() ? " (stub)" : ""));
        }
        return String.join(" → ", order);
    }

    private static String mode(Settings s) {
        if (PhaseResult.OPEN_LOOP.equals(s.mode())) {
            return String.format(Locale.ROOT, "open loop: %s flows/s for %s, at most %d in flight; latency from the "
                            + "scheduled start (coordinated omission corrected)", Format.rate(s.openLoopRate()),
                    Format.seconds(s.openLoopDurationSeconds()), s.maxInFlight());
        }
        return "closed loop: all users start together, each runs the flow once on its own keep-alive connection";
    }

    static TextTable settings(ReportView view) {
        RunReport report = view.report();
        TextTable table = new TextTable(List.of("Setting", "Value"));
        if (report.merged()) {
            for (ReportSource source : report.sources()) {
                table.row("Targets of " + source.name(), String.join(", ", source.settings().targets().stream()
                        .map(t -> source.merged(t.name()) + "=" + t.url() + (t.stub() ? " (stub)" : "")).toList()));
            }
        } else {
            table.row("Targets", String.join(", ", report.settings().targets().stream()
                    .map(t -> t.name() + "=" + t.url() + (t.stub() ? " (stub)" : "")).toList()));
        }
        table.row("Request timeout", view.perRun(s -> Format.seconds(s.requestTimeoutSeconds())));
        table.row("Connect timeout", view.perRun(s -> Format.seconds(s.connectTimeoutSeconds())));
        table.row("Gap between phases", view.perRun(s -> Format.seconds(s.gapSeconds())));
        table.row("Warm-up", view.perRun(s -> s.warmup() ? s.warmupRounds() + " rounds × " + s.warmupUsers() + " users" : "off"));
        table.row("Completion wait / poll interval", view.perRun(s -> Format.seconds(s.completionWaitSeconds()) + " / "
                + Format.seconds(s.pollIntervalSeconds())));
        table.row("Sampled processes", view.perRun(s -> s.sampledProcesses() == null || s.sampledProcesses().isEmpty()
                ? "driver only" : String.join(", ", s.sampledProcesses()) + ", driver"));
        return table;
    }

    static TextTable multipliers(List<Multipliers> multipliers) {
        TextTable table = new TextTable(List.of("Comparison", "Throughput", "Wall Time", "Mean", "P50", "P90", "P95", "P99", "Min", "Max"));
        for (Multipliers m : multipliers) {
            table.row(m.target() + " vs " + m.baseline(), Format.times(m.throughput()), Format.times(m.wallTime()),
                    Format.times(m.meanLatency()), Format.times(m.p50Latency()), Format.times(m.p90Latency()),
                    Format.times(m.p95Latency()), Format.times(m.p99Latency()), Format.times(m.minLatency()), Format.times(m.maxLatency()));
        }
        return table;
    }

    static TextTable warmups(List<PhaseResult> phases) {
        TextTable table = new TextTable(List.of("Target", "Rounds", "Users per round", "Requests", "Failed", "Wall Time", "Last round req/s"));
        for (PhaseResult phase : phases) {
            WarmupResult w = phase.warmup();
            if (w != null) {
                table.row(phase.target(), Format.count(w.rounds()), Format.count(w.users()), Format.count(w.sent()), Format.count(w.failed()),
                        Format.seconds(w.wallSeconds()), Format.rate(w.requestsPerSecond()));
            }
        }
        return table;
    }

    static TextTable ladder(List<PhaseResult> columns, List<PhaseResult> contenders) {
        boolean ratio = contenders.size() == 2;
        List<String> header = new ArrayList<>();
        header.add("Percentile");
        columns.forEach(p -> header.add(ReportView.columnName(p)));
        if (ratio) {
            header.add("Ratio " + contenders.get(0).target() + "/" + contenders.get(1).target());
        }
        TextTable ladder = new TextTable(header);
        for (int i = 0; i < LatencySummary.LADDER.length; i++) {
            List<String> cells = new ArrayList<>();
            cells.add(Format.percentile(LatencySummary.LADDER[i]));
            for (PhaseResult phase : columns) {
                cells.add(phase.latency().ladder().isEmpty() ? "—" : Format.ms(ladderAt(phase, i)));
            }
            if (ratio) {
                cells.add(ratio(ladderAt(contenders.get(0), i), ladderAt(contenders.get(1), i)));
            }
            ladder.row(cells);
        }
        return ladder;
    }

    static double ladderAt(PhaseResult phase, int index) {
        return phase.latency().ladder().isEmpty() ? 0 : phase.latency().ladder().get(index).ms();
    }

    static String ratio(double numerator, double denominator) {
        return denominator == 0 ? "n/a" : Format.times(numerator / denominator);
    }

    static TextTable percentiles(List<PhaseResult> columns, List<PhaseResult> contenders) {
        boolean ratio = contenders.size() == 2;
        List<String> header = new ArrayList<>();
        header.add("Percentile");
        columns.forEach(p -> header.add(ReportView.columnName(p)));
        if (ratio) {
            header.add("Ratio");
        }
        TextTable table = new TextTable(header);
        String[] names = {"Mean", "P50", "P90", "P95", "P99", "P99.9", "Min", "Max"};
        for (String name : names) {
            List<String> cells = new ArrayList<>();
            cells.add(name);
            columns.forEach(p -> cells.add(Format.ms(value(p.latency(), name))));
            if (ratio) {
                cells.add(ratio(value(contenders.get(0).latency(), name), value(contenders.get(1).latency(), name)));
            }
            table.row(cells);
        }
        return table;
    }

    private static double value(LatencySummary l, String name) {
        return switch (name) {
            case "Mean" -> l.meanMs();
            case "P50" -> l.p50Ms();
            case "P90" -> l.p90Ms();
            case "P95" -> l.p95Ms();
            case "P99" -> l.p99Ms();
            case "P99.9" -> l.p999Ms();
            case "Min" -> l.minMs();
            default -> l.maxMs();
        };
    }

    static TextTable openLoop(List<PhaseResult> phases) {
        TextTable table = new TextTable(List.of("Target", "Rate (flows/s)", "Duration", "Max in flight", "Scheduled",
                "Started", "Dropped", "Start lag P50", "Start lag P99"));
        for (PhaseResult phase : phases) {
            OpenLoopResult o = phase.openLoop();
            if (o != null) {
                table.row(phase.target(), Format.rate(o.ratePerSecond()), Format.seconds(o.durationSeconds()),
                        Format.count(o.maxInFlight()), Format.count(o.scheduled()), Format.count(o.started()),
                        Format.count(o.dropped()), Format.ms(o.scheduleLag().p50Ms()), Format.ms(o.scheduleLag().p99Ms()));
            }
        }
        return table;
    }

    static TextTable errorKinds(PhaseResult phase) {
        TextTable table = new TextTable(List.of("Kind", "Count", "Share", "Endpoints"));
        for (ErrorKindCount kind : phase.errors().kinds()) {
            table.row(kind.label(), Format.count(kind.count()), Format.percent(100.0 * kind.count() / phase.errors().total()),
                    endpoints(kind.byEndpoint()));
        }
        return table;
    }

    private static String endpoints(Map<String, Long> byEndpoint) {
        List<String> parts = new ArrayList<>();
        byEndpoint.forEach((endpoint, count) -> parts.add(endpoint + " " + Format.count(count)));
        return String.join(", ", parts);
    }

    static TextTable completion(List<PhaseResult> phases) {
        TextTable table = new TextTable(List.of("Target", "Triggered", "Success", "Failed", "Never finished",
                "Waited", "Trigger→terminal P50", "P90", "P99", "Max", "Server duration P50", "Server duration P99"));
        for (PhaseResult phase : phases) {
            CompletionResult c = phase.completion();
            LatencySummary t = c.triggerToTerminal();
            LatencySummary server = c.serverDuration();
            table.row(phase.target(), Format.count(c.triggered()), Format.count(c.success()), Format.count(c.failed()),
                    Format.count(c.neverFinished()), Format.seconds(c.waitedSeconds()), Format.ms(t.p50Ms()), Format.ms(t.p90Ms()),
                    Format.ms(t.p99Ms()), Format.ms(t.maxMs()), server == null ? "—" : Format.ms(server.p50Ms()),
                    server == null ? "—" : Format.ms(server.p99Ms()));
        }
        return table;
    }

    static TextTable resources(List<PhaseResult> phases) {
        TextTable table = new TextTable(List.of("Phase", "Process", "PIDs", "Samples", "CPU mean", "CPU max", "RSS mean", "RSS max"));
        for (PhaseResult phase : phases) {
            for (ResourceUsage r : phase.resources()) {
                table.row(phase.target(), r.name(), String.join(",", r.pids().stream().map(String::valueOf).toList()),
                        Integer.toString(r.samples()), Format.cpu(r.cpuPercentMean()), Format.cpu(r.cpuPercentMax()),
                        Format.mb(r.rssMbMean()), Format.mb(r.rssMbMax()));
            }
        }
        return table;
    }

    static TextTable scorecard(List<PhaseResult> contenders, List<Scorecard.Row> rows) {
        List<String> header = new ArrayList<>();
        header.add("Category");
        contenders.forEach(p -> header.add(p.target()));
        header.add("Winner");
        TextTable table = new TextTable(header);
        for (Scorecard.Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(row.category());
            cells.addAll(row.values());
            cells.add(row.winner());
            table.row(cells);
        }
        return table;
    }

    /** The machine and JDK of the run; in a merged report one column per run, with its file and times. */
    static TextTable environment(RunReport report) {
        if (!report.merged()) {
            TextTable table = new TextTable(List.of("Item", "Value"));
            environmentRows(report.environment()).forEach((item, value) -> table.row(item, value));
            return table;
        }
        List<String> header = new ArrayList<>();
        header.add("Item");
        report.sources().forEach(source -> header.add(source.name()));
        TextTable table = new TextTable(header);
        List<Map<String, String>> columns = new ArrayList<>();
        for (ReportSource source : report.sources()) {
            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("Report", source.file());
            rows.put("First phase started", String.valueOf(source.startedAt()));
            rows.put("Report generated", String.valueOf(source.generatedAt()));
            rows.putAll(environmentRows(source.environment()));
            columns.add(rows);
        }
        for (String item : columns.getFirst().keySet()) {
            List<String> cells = new ArrayList<>();
            cells.add(item);
            columns.forEach(rows -> cells.add(rows.get(item)));
            table.row(cells);
        }
        return table;
    }

    private static Map<String, String> environmentRows(Environment e) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Driver", "workflow-perf " + e.driverVersion());
        rows.put("JDK", e.javaVersion() + " (" + e.javaVendor() + ", " + e.javaHome() + ")");
        rows.put("OS / kernel", e.os() + " / " + e.kernel());
        rows.put("CPU", e.cpuModel());
        rows.put("Cores", Integer.toString(e.cores()));
        rows.put("Memory", e.memoryMb() < 0 ? "unknown" : Format.count(e.memoryMb()) + " MB");
        rows.put("Open files limit (driver)", e.openFilesLimit() < 0 ? "unknown" : Format.count(e.openFilesLimit()));
        rows.put("Host", e.hostname());
        rows.put("Arguments", e.arguments() == null ? "" : String.join(" ", e.arguments()));
        return rows;
    }

    static TextTable variables() {
        TextTable variables = new TextTable(List.of("Variable", "Meaning"));
        variables.row("CONCURRENCY", "users, when --users/--sweep are not given (default 1000)");
        variables.row("PYTHON_API_URL, RUST_API_URL, JAVA_API_URL, TARGET_URL",
                "targets named python, rust, java, target — when no --target is given");
        return variables;
    }

    static TextTable artifacts(RunReport report) {
        TextTable artifacts = new TextTable(List.of("File", "Description"));
        artifacts.row("report.md", "the report with block-character charts");
        artifacts.row("report.json", "every figure, machine-readable (schema " + report.schema() + ", see perf/README.md)");
        artifacts.row("report.html", "the same with SVG charts, self-contained");
        for (ReportSource source : report.sources()) {
            artifacts.row(source.file(), "the report of the " + source.name() + " run, merged into this one unchanged");
        }
        artifacts.row("perf/, ops/nginx/stub.conf.template", "the driver's source; the stub's configuration");
        return artifacts;
    }
}
