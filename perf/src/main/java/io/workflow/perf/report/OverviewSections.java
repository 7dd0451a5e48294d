package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.ReportSource;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.model.Settings;
import io.workflow.perf.model.TargetSpec;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Block.Preformatted;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;

/** Sections 1 and 2: what was measured against what, and with which settings. */
final class OverviewSections {

    static final String OVERVIEW = "1. Test Overview";
    static final String CONFIGURATION = "2. Test Configuration";

    /** Column of the target's lifeline in the sequence diagram. */
    private static final int LIFELINE = 47;

    private OverviewSections() {
    }

    static Section overview(ReportView view) {
        RunReport report = view.report();
        List<Block> purpose = new ArrayList<>();
        if (report.merged()) {
            purpose.add(new Paragraph("Targets under identical load, one after another, in " + report.sources().size()
                    + " runs merged into this report:"));
            for (ReportSource source : report.sources()) {
                purpose.add(new Paragraph(source.name() + " run (" + source.file() + ", started " + source.startedAt() + "):"));
                purpose.add(targets(merged(source)));
            }
            purpose.add(new Paragraph("Same seven-request flow per user in every run; each run's own settings and machine are in "
                    + "sections 2 and 11. Each target's client ceiling is the stub measured in its own run."));
        } else {
            purpose.add(new Paragraph("Targets under identical load, one after another:"));
            purpose.add(targets(report.settings().targets()));
            purpose.add(new Paragraph("Same seven-request flow per user, same timeouts, same machine."));
        }
        return Section.parent(OVERVIEW, List.of(Section.of("Purpose", purpose), Section.of("Test Scope", scope(view))));
    }

    private static Bullets targets(List<TargetSpec> targets) {
        return Bullets.of(targets.stream().map(t -> t.name() + " — " + t.url()
                + (t.stub() ? " (stub answering canned responses: the client's own ceiling)" : "")).toList());
    }

    /** A run's targets under the names they have in the merged report. */
    private static List<TargetSpec> merged(ReportSource source) {
        return source.settings().targets().stream().map(t -> new TargetSpec(source.merged(t.name()), t.url(), t.stub())).toList();
    }

    private static Table scope(ReportView view) {
        RunReport report = view.report();
        Settings s = report.settings();
        int level = view.headline();
        Table.Builder scope = Table.builder("Aspect", "Detail");
        List<Integer> levels = view.levels();
        scope.row("Concurrent Users", levels.size() == 1 ? Format.count(level)
                : Format.count(level) + " (headline); sweep: " + String.join(", ", levels.stream().map(n -> Format.count(n)).toList()));
        scope.row("Requests per User", s.requestsPerUser() + " (full API flow)");
        scope.row("Total Requests Target", Format.count((long) level * s.requestsPerUser()) + " per target at the headline level");
        scope.row("Endpoints Tested", s.requestsPerUser() + " (health, root, create/get workflow, trigger, get/list runs)");
        if (report.merged()) {
            List<String> runs = report.sources().stream().map(source -> source.name() + ": " + phaseOrder(merged(source))).toList();
            scope.row("Test Phases", report.sources().size() + " runs merged, one after another — " + String.join("; ", runs)
                    + " (each sequential, " + view.perRun(r -> Format.seconds(r.gapSeconds())) + " gap)");
        } else {
            scope.row("Test Phases", phaseOrder(s.targets()) + " (sequential, " + Format.seconds(s.gapSeconds()) + " gap)");
        }
        scope.row("Mode", view.perRun(OverviewSections::mode));
        scope.row("Warm-up", view.perRun(r -> r.warmup()
                ? r.warmupRounds() + " × " + r.warmupUsers() + " users before each measured phase, not counted" : "off"));
        scope.row("Run completion", view.perRun(r -> r.completionWaitSeconds() > 0
                ? "every triggered run polled until terminal, at most " + Format.seconds(r.completionWaitSeconds())
                : "not checked"));
        return scope.build();
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
        return "closed loop: all users start together, each runs the flow once on its own keep-alive connection"
                + stubRounds(s);
    }

    private static String stubRounds(Settings s) {
        return s.stubTimeSeconds() == null || s.stubTimeSeconds() <= 0 ? ""
                : "; against the stub the same round of users again, back to back, until the phase has lasted "
                + Format.seconds(s.stubTimeSeconds()) + " (its ceiling measured over seconds, not one burst)";
    }

    static Section configuration(ReportView view) {
        return Section.parent(CONFIGURATION, List.of(
                Section.of("Settings", settings(view)),
                Section.of("Test Flow Sequence Diagram", Preformatted.of(diagram(view.report())))));
    }

    private static Table settings(ReportView view) {
        RunReport report = view.report();
        Table.Builder table = Table.builder("Setting", "Value");
        if (report.merged()) {
            for (ReportSource source : report.sources()) {
                table.row("Targets of " + source.name(), targetList(merged(source)));
            }
        } else {
            table.row("Targets", targetList(report.settings().targets()));
        }
        table.row("Request timeout", view.perRun(s -> Format.seconds(s.requestTimeoutSeconds())));
        table.row("Connect timeout", view.perRun(s -> Format.seconds(s.connectTimeoutSeconds())));
        table.row("Gap between phases", view.perRun(s -> Format.seconds(s.gapSeconds())));
        table.row("Warm-up", view.perRun(s -> s.warmup() ? s.warmupRounds() + " rounds × " + s.warmupUsers() + " users" : "off"));
        table.row("Completion wait / poll interval", view.perRun(s -> Format.seconds(s.completionWaitSeconds()) + " / "
                + Format.seconds(s.pollIntervalSeconds())));
        table.row("Sampled processes", view.perRun(s -> s.sampledProcesses() == null || s.sampledProcesses().isEmpty()
                ? "driver only" : String.join(", ", s.sampledProcesses()) + ", driver"));
        return table.build();
    }

    private static String targetList(List<TargetSpec> targets) {
        return String.join(", ", targets.stream().map(t -> t.name() + "=" + t.url() + (t.stub() ? " (stub)" : "")).toList());
    }

    /** The driver and the target as two lifelines, the flow's requests between them. */
    private static String diagram(RunReport report) {
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
        return flow.toString();
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
}
