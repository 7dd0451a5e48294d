package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.workflow.perf.model.CeilingCheck;
import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.Environment;
import io.workflow.perf.model.ErrorKindCount;
import io.workflow.perf.model.HistogramBucket;
import io.workflow.perf.model.LatencySummary;
import io.workflow.perf.model.Multipliers;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.ReportSource;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.model.Settings;
import io.workflow.perf.model.TargetSpec;
import io.workflow.perf.model.TimelinePoint;

/** report.md: the seed's eleven sections, figures as tables and block-character charts in code blocks. */
public final class MarkdownReport {

    private static final int BAR = 40;
    /** Column of the target's lifeline in the sequence diagram. */
    private static final int LIFELINE = 47;

    private final ReportView view;
    private final RunReport report;
    private final StringBuilder md = new StringBuilder();

    private MarkdownReport(RunReport report) {
        this.report = report;
        this.view = new ReportView(report);
    }

    public static String render(RunReport report) {
        return new MarkdownReport(report).build();
    }

    private String build() {
        int level = view.headline();
        md.append("# ").append(report.title()).append("\n\n");
        md.append("Generated ").append(report.generatedAt()).append(" by workflow-perf ")
                .append(report.environment().driverVersion()).append(". ").append(Sections.provenance(report))
                .append(" The same figures are in `report.json`.\n\n");
        md.append("## Table of Contents\n\n");
        for (String title : Sections.TITLES) {
            md.append("- [").append(title).append("](#").append(Sections.anchor(title)).append(")\n");
        }
        md.append("\n---\n\n");
        overview(level);
        configuration();
        summary(level);
        latency(level);
        throughput(level);
        errors(level);
        endpoints(level);
        percentiles(level);
        verdict(level);
        scaling(level);
        reproducibility();
        return md.toString();
    }

    private void section(int number) {
        md.append("## ").append(Sections.title(number)).append("\n\n");
    }

    private void sub(String title) {
        md.append("### ").append(title).append("\n\n");
    }

    private void block(String text) {
        md.append("```\n").append(text);
        if (!text.endsWith("\n")) {
            md.append('\n');
        }
        md.append("```\n\n");
    }

    private void end() {
        md.append("---\n\n");
    }

    // 1
    private void overview(int level) {
        Settings s = report.settings();
        section(1);
        sub("Purpose");
        StringBuilder box = new StringBuilder();
        if (report.merged()) {
            box.append("Targets under identical load, one after another, in ").append(report.sources().size())
                    .append(" runs merged into this report:\n");
            for (ReportSource source : report.sources()) {
                box.append("\n").append(source.name()).append(" run (").append(source.file()).append(", started ")
                        .append(source.startedAt()).append("):\n");
                for (TargetSpec target : source.settings().targets()) {
                    purpose(box, new TargetSpec(source.merged(target.name()), target.url(), target.stub()));
                }
            }
            box.append("\nSame seven-request flow per user in every run; each run's own settings and machine are in "
                    + "sections 2 and 11.\nEach target's client ceiling is the stub measured in its own run.\n");
        } else {
            box.append("Targets under identical load, one after another:\n\n");
            for (TargetSpec target : s.targets()) {
                purpose(box, target);
            }
            box.append("\nSame seven-request flow per user, same timeouts, same machine.\n");
        }
        block(box.toString());
        sub("Test Scope");
        TextTable scope = DetailTables.scope(view);
        md.append(scope.markdown()).append('\n');
        end();
    }

    private static void purpose(StringBuilder box, TargetSpec target) {
        box.append(String.format(Locale.ROOT, "  • %-12s %s%s%n", target.name(), target.url(),
                target.stub() ? "   (stub answering canned responses: the client's own ceiling)" : ""));
    }

    // 2
    private void configuration() {
        section(2);
        sub("Settings");
        TextTable table = DetailTables.settings(view);
        md.append(table.markdown()).append('\n');
        sub("Test Flow Sequence Diagram");
        StringBuilder flow = new StringBuilder();
        String gap = " ".repeat(LIFELINE - 17);
        flow.append("┌──────────┐").append(gap).append("┌──────────┐\n");
        flow.append("│  perf    │").append(gap).append("│  target  │\n");
        flow.append("│  driver  │").append(gap).append("│   API    │\n");
        flow.append("└────┬─────┘").append(gap).append("└────┬─────┘\n");
        List<EndpointResult> endpoints = report.phases().isEmpty() ? List.of() : report.phases().getFirst().endpoints();
        for (EndpointResult endpoint : endpoints) {
            flow.append(arrow("── " + endpoint.endpoint() + " ", "▶│"));
            flow.append(arrow(("◀─ 200 " + idNote(endpoint)).stripTrailing() + " ", "│"));
            flow.append(arrow("", "│"));
        }
        flow.append("     ▼").append(" ".repeat(LIFELINE - 6)).append("▼\n\n");
        flow.append("     × every user at once, one keep-alive connection each; ids come from the timed responses\n");
        block(flow.toString());
        end();
    }

    /** One line between the two lifelines: text from the left one, dashes up to {@code end} at the right one. */
    private static String arrow(String text, String end) {
        int dashes = LIFELINE - 6 - text.length() - (end.length() - 1);
        String fill = text.isEmpty() ? " ".repeat(LIFELINE - 6) : "─".repeat(Math.max(1, dashes));
        return "     │" + text + fill + (text.isEmpty() ? "│" : end) + "\n";
    }

    private static String idNote(EndpointResult endpoint) {
        return switch (endpoint.endpoint()) {
            case "POST /api/v1/workflows" -> "{workflow_id}";
            case "POST /api/v1/trigger" -> "{run_id}";
            case "GET /api/v1/runs/{id}" -> "{status}";
            default -> "";
        };
    }

    // 3
    private void summary(int level) {
        section(3);
        List<PhaseResult> columns = view.columns(level);
        sub("3.1 Head-to-Head Comparison (" + Format.count(level) + " Concurrent Users)");
        block(SummaryTables.overall(columns).render("  "));
        sub("3.2 Performance Multipliers");
        List<Multipliers> multipliers = view.multipliers(level);
        if (multipliers.isEmpty()) {
            md.append("One contender at this level: no multipliers between targets.\n\n");
        } else {
            StringBuilder text = new StringBuilder();
            for (Multipliers m : multipliers) {
                text.append(m.target()).append(" vs ").append(m.baseline()).append(" (above 1× means ")
                        .append(m.target()).append(" is better):\n");
                double max = maxOf(m.throughput(), m.wallTime(), m.meanLatency(), m.p50Latency(), m.p99Latency(), m.minLatency());
                multiplierLine(text, "Throughput", m.throughput(), max);
                multiplierLine(text, "Wall Time", m.wallTime(), max);
                multiplierLine(text, "Mean Latency", m.meanLatency(), max);
                multiplierLine(text, "P50 Latency", m.p50Latency(), max);
                multiplierLine(text, "P99 Latency", m.p99Latency(), max);
                multiplierLine(text, "Min Latency", m.minLatency(), max);
                text.append('\n');
            }
            block(text.toString());
            md.append(DetailTables.multipliers(multipliers).markdown()).append('\n');
        }
        sub("3.3 Client Ceiling");
        ceilings(level);
        sub("3.4 Warm-up");
        TextTable warmups = DetailTables.warmups(columns);
        md.append(warmups.rows().isEmpty() ? "Warm-up was off.\n\n" : warmups.markdown() + "\nWarm-up requests are not part of any other figure.\n\n");
        end();
    }

    private void ceilings(int level) {
        List<CeilingCheck> ceilings = view.ceilings(level);
        if (ceilings.isEmpty()) {
            md.append("No stub target at this level (`--stub name=url`): the client's own ceiling was not measured.\n\n");
            return;
        }
        StringBuilder text = new StringBuilder();
        double max = ceilings.stream().mapToDouble(c -> Math.max(c.stubRequestsPerSecond(), c.targetRequestsPerSecond())).max().orElse(0);
        Map<String, List<CeilingCheck>> groups = view.ceilingsByStub(level);
        int width = Math.max(18, ceilings.stream().mapToInt(c -> Math.max(c.target().length(), (c.stub() + " (ceiling)").length()))
                .max().orElse(0));
        String line = "%-" + width + "s %12s req/s  %s%n";
        for (List<CeilingCheck> group : groups.values()) {
            for (CeilingCheck c : group) {
                text.append(String.format(Locale.ROOT, line, c.target(), Format.rate(c.targetRequestsPerSecond()),
                        AsciiChart.bar(c.targetRequestsPerSecond(), max, BAR)));
            }
            CeilingCheck first = group.getFirst();
            text.append(String.format(Locale.ROOT, line, first.stub() + " (ceiling)",
                    Format.rate(first.stubRequestsPerSecond()), AsciiChart.bar(first.stubRequestsPerSecond(), max, BAR)));
            if (groups.size() > 1) {
                text.append('\n');
            }
        }
        if (groups.size() == 1) {
            text.append('\n');
        }
        for (CeilingCheck c : ceilings) {
            text.append(String.format(Locale.ROOT, "Headroom of %s over %s: %s — %s%n", c.stub(), c.target(), Format.times(c.headroom()),
                    c.sufficient() ? "sufficient (at least " + Format.times(CeilingCheck.REQUIRED_HEADROOM) + "): the target, not the driver, set its figure"
                            : "BELOW " + Format.times(CeilingCheck.REQUIRED_HEADROOM) + ": the driver may have limited this figure"));
        }
        block(text.toString());
    }

    private static void multiplierLine(StringBuilder text, String name, Double value, double max) {
        text.append(String.format(Locale.ROOT, "  %-14s %8s  %s%n", name + ":", Format.times(value),
                value == null ? "" : AsciiChart.bar(value, max, BAR)));
    }

    private static double maxOf(Double... values) {
        double max = 0;
        for (Double value : values) {
            if (value != null) {
                max = Math.max(max, value);
            }
        }
        return max;
    }

    // 4
    private void latency(int level) {
        section(4);
        List<PhaseResult> columns = view.columns(level);
        sub("4.1 Latency Distribution (all requests)");
        for (PhaseResult phase : columns) {
            block(histogram(phase));
        }
        sub("4.2 Percentile Ladder");
        TextTable ladder = DetailTables.ladder(columns, view.contenders(level));
        block(ladder.render("  "));
        end();
    }

    private static String histogram(PhaseResult phase) {
        StringBuilder text = new StringBuilder();
        text.append(ReportView.columnName(phase)).append(" — ").append(Format.count(phase.latency().count()))
                .append(" requests by latency\n\n");
        long max = phase.latency().histogram().stream().mapToLong(HistogramBucket::count).max().orElse(0);
        for (HistogramBucket bucket : phase.latency().histogram()) {
            text.append(String.format(Locale.ROOT, "  %10s – %-10s │%-40s %s%n", Format.ms(bucket.fromMs()), Format.ms(bucket.toMs()),
                    AsciiChart.bar(bucket.count(), max, BAR), Format.count(bucket.count())));
        }
        return text.toString();
    }

    // 5
    private void throughput(int level) {
        section(5);
        List<PhaseResult> columns = view.columns(level);
        sub("5.1 Throughput Comparison");
        double max = columns.stream().mapToDouble(p -> p.throughput().requestsPerSecond()).max().orElse(0);
        StringBuilder bars = new StringBuilder();
        for (PhaseResult phase : columns) {
            bars.append(String.format(Locale.ROOT, "%-28s %12s req/s%n  %s%n%n", ReportView.columnName(phase) + ":",
                    Format.rate(phase.throughput().requestsPerSecond()), AsciiChart.gauge(phase.throughput().requestsPerSecond(), max, 60)));
        }
        for (Multipliers m : view.multipliers(level)) {
            bars.append(m.target()).append(" vs ").append(m.baseline()).append(": ").append(Format.times(m.throughput()))
                    .append(" the throughput\n");
        }
        block(bars.toString());
        sub("5.2 Effective Throughput (Successful Only)");
        StringBuilder effective = new StringBuilder("Effective throughput = successful requests / wall time\n\n");
        for (PhaseResult phase : columns) {
            effective.append(String.format(Locale.ROOT, "  %-20s %s / %s = %s effective req/s  (%s success)%n", phase.target() + ":",
                    Format.count(phase.requests().succeeded()), Format.seconds(phase.wallSeconds()),
                    Format.rate(phase.throughput().successfulPerSecond()), Format.percent(phase.successPercent())));
        }
        block(effective.toString());
        sub("5.3 Throughput and Errors over Time");
        for (PhaseResult phase : columns) {
            block(timeline(phase));
        }
        List<PhaseResult> openLoop = columns.stream().filter(p -> p.openLoop() != null).toList();
        if (!openLoop.isEmpty()) {
            sub("5.4 Open-Loop Schedule");
            TextTable table = DetailTables.openLoop(openLoop);
            md.append(table.markdown()).append("\nLatencies of open-loop phases count from each iteration's scheduled start, "
                    + "so a late start is charged to the target (coordinated omission corrected).\n\n");
        }
        end();
    }

    private static String timeline(PhaseResult phase) {
        StringBuilder text = new StringBuilder();
        text.append(ReportView.columnName(phase)).append(" — requests finished per second, by interval\n\n");
        List<TimelinePoint> points = phase.timeline();
        double max = points.stream().mapToDouble(TimelinePoint::requestsPerSecond).max().orElse(0);
        int step = Math.max(1, (points.size() + 29) / 30);
        for (int i = 0; i < points.size(); i += step) {
            TimelinePoint p = points.get(i);
            text.append(String.format(Locale.ROOT, "  %8s │%-40s %10s req/s  errors %s%n", Format.seconds(p.tSeconds()),
                    AsciiChart.bar(p.requestsPerSecond(), max, BAR), Format.rate(p.requestsPerSecond()), Format.count(p.errors())));
        }
        if (step > 1) {
            text.append("  (every ").append(step).append(". interval of ").append(points.size()).append(" shown)\n");
        }
        return text.toString();
    }

    // 6
    private void errors(int level) {
        section(6);
        List<PhaseResult> columns = view.columns(level);
        sub("6.1 Error Rate Comparison");
        StringBuilder rates = new StringBuilder();
        for (PhaseResult phase : columns) {
            rates.append(ReportView.columnName(phase)).append(":\n");
            rates.append("  ").append(AsciiChart.gauge(phase.successPercent(), 100, 56)).append('\n');
            rates.append("  ").append(Format.percent(phase.successPercent())).append(" success — ")
                    .append(Format.percent(phase.errors().ratePercent())).append(" errors\n");
            rates.append("  Total: ").append(Format.count(phase.requests().sent())).append(" requests | ")
                    .append(Format.count(phase.requests().succeeded())).append(" OK | ")
                    .append(Format.count(phase.requests().failed())).append(" FAILED | ")
                    .append(Format.count(phase.requests().notSent())).append(" not sent\n\n");
        }
        block(rates.toString());
        sub("6.2 Errors by Kind");
        boolean any = false;
        for (PhaseResult phase : columns) {
            if (phase.errors().kinds().isEmpty()) {
                continue;
            }
            any = true;
            md.append("**").append(phase.target()).append("** — ").append(Format.count(phase.errors().total())).append(" errors\n\n");
            TextTable table = DetailTables.errorKinds(phase);
            md.append(table.markdown()).append('\n');
            StringBuilder samples = new StringBuilder();
            for (ErrorKindCount kind : phase.errors().kinds()) {
                for (String sample : kind.samples()) {
                    samples.append(kind.label()).append(": ").append(sample.replace("\n", " ")).append('\n');
                }
            }
            md.append("Samples:\n\n");
            block(samples.toString());
        }
        if (!any) {
            md.append("No errors in any phase at this level.\n\n");
        }
        sub("6.3 Error Impact on Users");
        StringBuilder users = new StringBuilder("Out of " + Format.count(level) + " simulated users:\n\n");
        for (PhaseResult phase : columns) {
            users.append(String.format(Locale.ROOT, "  %-20s %s/%s users completed the full flow (%s); all done within %s%n",
                    phase.target() + ":", Format.count(phase.users().completed()), Format.count(phase.users().total()),
                    Format.percent(phase.usersCompletedPercent()), Format.seconds(phase.wallSeconds())));
        }
        block(users.toString());
        sub("6.4 Run Completion (beyond the seed)");
        md.append("After each phase every triggered run was polled until terminal. Trigger-to-terminal is measured by the driver, "
                + "from sending the trigger to first seeing a terminal status (resolution: the poll interval, and the poller "
                + "starts when the phase ends); server duration is `completed_at − started_at` as the service reported it.\n\n");
        TextTable completion = DetailTables.completion(columns);
        md.append(completion.markdown()).append('\n');
        end();
    }

    // 7
    private void endpoints(int level) {
        section(7);
        List<PhaseResult> columns = view.columns(level);
        List<PhaseResult> contenders = view.contenders(level);
        sub("7.1 Summary Table");
        block(SummaryTables.endpoints(columns).render("  "));
        sub("7.2 Performance by Category");
        Map<String, List<Integer>> categories = new LinkedHashMap<>();
        List<EndpointResult> reference = columns.getFirst().endpoints();
        for (int i = 0; i < reference.size(); i++) {
            categories.computeIfAbsent(reference.get(i).category(), c -> new ArrayList<>()).add(i);
        }
        StringBuilder text = new StringBuilder();
        categories.forEach((category, indexes) -> {
            text.append(category.toUpperCase(Locale.ROOT)).append('\n').append("─".repeat(category.length())).append('\n');
            for (int i : indexes) {
                text.append(String.format(Locale.ROOT, "  %-28s", reference.get(i).endpoint() + ":"));
                List<String> parts = new ArrayList<>();
                for (PhaseResult phase : columns) {
                    parts.add(phase.target() + " " + Format.ms(phase.endpoints().get(i).latency().meanMs()));
                }
                text.append(String.join(" → ", parts));
                if (contenders.size() >= 2) {
                    text.append("   (").append(Format.change(contenders.get(0).endpoints().get(i).latency().meanMs(),
                            contenders.get(1).endpoints().get(i).latency().meanMs())).append(")");
                }
                text.append('\n');
            }
            text.append('\n');
        });
        block(text.toString());
        sub("7.3 Endpoint Latency Visualization (mean)");
        block(endpointBars(columns, e -> e.latency().meanMs(), "Mean latency"));
        end();
    }

    private static String endpointBars(List<PhaseResult> columns, ToDoubleFunction<EndpointResult> value, String what) {
        double max = columns.stream().flatMap(p -> p.endpoints().stream()).mapToDouble(value).max().orElse(0);
        StringBuilder text = new StringBuilder("  " + what + ", scale 0 – " + Format.ms(max) + "\n\n");
        List<EndpointResult> reference = columns.getFirst().endpoints();
        for (int i = 0; i < reference.size(); i++) {
            for (PhaseResult phase : columns) {
                double v = value.applyAsDouble(phase.endpoints().get(i));
                text.append(String.format(Locale.ROOT, "  %-26s %-14s %10s │%s%n",
                        phase == columns.getFirst() ? reference.get(i).endpoint() : "", phase.target(), Format.ms(v),
                        AsciiChart.bar(v, max, BAR)));
            }
            text.append('\n');
        }
        return text.toString();
    }

    // 8
    private void percentiles(int level) {
        section(8);
        List<PhaseResult> columns = view.columns(level);
        sub("8.1 Full Percentile Table (all requests)");
        TextTable table = DetailTables.percentiles(columns, view.contenders(level));
        StringBuilder text = new StringBuilder(table.render("  "));
        text.append('\n');
        for (PhaseResult phase : columns) {
            LatencySummary l = phase.latency();
            text.append(String.format(Locale.ROOT, "  %s: max is %s the P50, P99 is %s the P50%n", phase.target(),
                    DetailTables.ratio(l.maxMs(), l.p50Ms()), DetailTables.ratio(l.p99Ms(), l.p50Ms())));
        }
        block(text.toString());
        sub("8.2 P99 Per Endpoint");
        block(endpointBars(columns, e -> e.latency().p99Ms(), "P99 latency"));
        end();
    }

    // 9
    private void verdict(int level) {
        section(9);
        List<PhaseResult> contenders = view.contenders(level);
        sub("9.1 Scorecard (measured categories only)");
        List<Scorecard.Row> rows = Scorecard.rows(contenders);
        TextTable table = DetailTables.scorecard(contenders, rows);
        block(table.render("  "));
        sub("9.2 Resource Usage");
        resources(view.columns(level));
        sub("9.3 Verdict");
        StringBuilder text = new StringBuilder();
        for (String line : VerdictLines.of(view, level, rows)) {
            text.append("• ").append(line).append('\n');
        }
        block(text.toString());
        end();
    }

    private void resources(List<PhaseResult> columns) {
        TextTable table = DetailTables.resources(columns);
        if (table.rows().isEmpty()) {
            md.append("No processes were sampled.\n\n");
            return;
        }
        md.append(table.markdown()).append("\nCPU: 100% is one core busy; sampled from /proc every interval, with children.\n\n");
    }

    // 10
    private void scaling(int headline) {
        section(10);
        List<Integer> levels = view.levels();
        if (levels.size() < 2) {
            md.append("Only one load level was run (").append(Format.count(headline))
                    .append(" users). Run with `--sweep 100,1000,10000` for the scaling comparison.\n\n");
            end();
            return;
        }
        int n = 1;
        for (int level : levels) {
            if (level == headline) {
                continue;
            }
            List<PhaseResult> columns = view.columns(level);
            sub("10." + n++ + " " + Format.count(level) + " Concurrent Users — Overall Results");
            block(SummaryTables.overall(columns).render("  "));
            sub("10." + n++ + " Per-Endpoint Breakdown (" + Format.count(level) + ")");
            block(SummaryTables.endpoints(columns).render("  "));
            sub("10." + n++ + " Error Analysis (" + Format.count(level) + ")");
            StringBuilder text = new StringBuilder();
            for (PhaseResult phase : columns) {
                text.append(phase.target()).append(": ").append(Format.count(phase.errors().total())).append(" errors (")
                        .append(Format.percent(phase.errors().ratePercent())).append(")\n");
                for (ErrorKindCount kind : phase.errors().kinds()) {
                    text.append("  ").append(Format.percent(100.0 * kind.count() / phase.errors().total())).append(" ")
                            .append(kind.label()).append(" (").append(Format.count(kind.count())).append(")\n");
                }
            }
            block(text.toString());
            sub("10." + n++ + " Client Ceiling (" + Format.count(level) + ")");
            ceilings(level);
        }
        sub("10." + n + " Scaling Comparison");
        block(ScalingTable.build(view).render("  "));
        end();
    }

    // 11
    private void reproducibility() {
        Environment e = report.environment();
        section(11);
        sub("Running the Test");
        StringBuilder commands = new StringBuilder();
        if (report.merged()) {
            for (ReportSource source : report.sources()) {
                commands.append("# the ").append(source.name()).append(" run (").append(source.file()).append("): started ")
                        .append(source.startedAt()).append(", report written ").append(source.generatedAt()).append(" on ")
                        .append(source.environment().hostname()).append('\n').append(source.environment().command()).append("\n\n");
            }
            commands.append("# merged into this report (").append(report.generatedAt()).append(")\n").append(e.command()).append("\n\n");
        } else {
            commands.append("# the exact command of this run\n").append(e.command()).append("\n\n");
        }
        commands.append("# the client-ceiling stub (nginx with canned answers), started before and stopped after\n");
        commands.append("ops/bench-stub start      # http://127.0.0.1:18080\n");
        commands.append("ops/bench-stub stop\n");
        md.append("```bash\n").append(commands).append("```\n\n");
        sub(report.merged() ? "Environment of Each Run" : "Environment");
        md.append(DetailTables.environment(report).markdown()).append('\n');
        sub("Environment Variables");
        md.append(DetailTables.variables().markdown()).append('\n');
        sub("Test Artifacts");
        md.append(DetailTables.artifacts(report).markdown());
    }
}
