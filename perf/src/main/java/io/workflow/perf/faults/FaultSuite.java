package io.workflow.perf.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.workflow.perf.faults.FaultReport.ErrorCount;
import io.workflow.perf.faults.FaultReport.Stretch;
import io.workflow.perf.faults.FaultReport.WorkerRecovery;
import io.workflow.perf.http.HttpConnection;
import io.workflow.perf.http.RequestFailure;
import io.workflow.perf.http.Response;
import io.workflow.perf.load.JsonFields;
import io.workflow.perf.model.Environment;

/**
 * Steady traffic of the seed flow while each fault of the plan happens in turn, a quiet gap after each; then a
 * bounded wait for every accepted run to end, and the report.
 */
public final class FaultSuite {

    private final SuitePlan plan;
    private final Instant start = Instant.now();
    private final Instant faultsDeadline;
    private final StackControl stack;
    private final PrintStream console;
    private final List<String> failedActions = new ArrayList<>();

    public FaultSuite(SuitePlan plan, PrintStream console) {
        this.plan = plan;
        this.faultsDeadline = plan.faultsDeadline(start);
        this.stack = new StackControl(plan.stackScript(), plan.commandTimeout(), faultsDeadline, console);
        this.console = console;
    }

    public FaultReport run(Environment environment) throws InterruptedException {
        String startedAt = start.toString();
        String workflowId = createWorkflow();
        List<Window> windows = new ArrayList<>();
        Window baseline = new Window("baseline", null);
        windows.add(baseline);
        baseline.action("traffic only");
        say("baseline: %.0f flows/s for %s", plan.rate(), text(plan.baseline()));
        SteadyTraffic traffic = new SteadyTraffic(plan.target(), workflowId, new SteadyTraffic.TrafficSettings(plan.rate(),
                plan.maxInFlight(), plan.requestTimeout(), plan.connectTimeout(), plan.pollInterval(), plan.pollConnections()));
        traffic.start(baseline);
        try {
            Thread.sleep(plan.baseline());
            for (int i = 0; i < plan.faults().size(); i++) {
                Fault fault = plan.faults().get(i);
                if (Instant.now().plus(plan.gap()).isAfter(faultsDeadline)) {
                    failedActions.add(fault.id() + ": not run, the suite's --max-duration was running out");
                    continue;
                }
                Window window = new Window(fault.id(), fault);
                windows.add(window);
                traffic.switchTo(window);
                // the last runs triggered in the stretch before end before this fault, so it is not charged with them
                traffic.awaitEnded(Instant.now(), earliest(Instant.now().plus(plan.settle()), faultsDeadline));
                say("%s: %s", fault.id(), fault.description());
                inflict(fault, window, traffic);
                say("%s: %s; quiet for %s", fault.id(), window.action(), text(plan.gap()));
                Thread.sleep(plan.gap());
                if (i < plan.faults().size() - 1) {
                    settle(traffic, window); // after the last one, the final wait does this
                }
            }
            traffic.stopTriggers();
            Window finalWait = new Window("final wait", null);
            finalWait.action("no new triggers; reading the open runs until they end or " + text(plan.finalWait()) + " pass");
            windows.add(finalWait);
            traffic.switchTo(finalWait);
            say("final wait: %d run(s) not terminal yet; waiting up to %s", traffic.openRuns().size(), text(plan.finalWait()));
            boolean allEnded = traffic.awaitEnded(Instant.MAX, Instant.now().plus(plan.finalWait()));
            say("final wait: %s", allEnded ? "every accepted run ended" : traffic.openRuns().size() + " run(s) still open");
        } finally {
            traffic.close();
        }
        List<Stretch> stretches = windows.stream().map(FaultSuite::stretch).toList();
        return new FaultReport(startedAt, Instant.now().toString(), environment, settings(),
                stretches, VerdictRules.of(stretches, plan.maxErrors(), failedActions));
    }

    /**
     * Keeps the quiet traffic going until every run accepted so far has ended (at most {@code --settle}), so that one
     * fault's aftermath is not charged to the next.
     */
    private void settle(SteadyTraffic traffic, Window window) throws InterruptedException {
        long t0 = System.nanoTime();
        boolean settled = traffic.awaitEnded(Instant.now(), earliest(Instant.now().plus(plan.settle()), faultsDeadline));
        String waited = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
        window.action(window.action() + (settled ? "; its runs had ended " + waited + " after the gap"
                : "; runs still open " + waited + " after the gap, the next fault starts anyway"));
    }

    /** Inflicts {@code fault} and undoes it (the component runs and is healthy again); a failure is recorded. */
    private void inflict(Fault fault, Window window, SteadyTraffic traffic) throws InterruptedException {
        try {
            window.action(switch (fault) {
                case API_KILL -> killAndStart("api", true, plan.down(), null, null);
                case WORKER_KILL -> killAndStart("worker", true, plan.down(), window, traffic);
                case KAFKA_STOP -> killAndStart("kafka", false, plan.kafkaDown(), null, null);
                case REDIS_KILL -> killAndStart("redis", true, plan.down(), null, null);
                case PGBOUNCER_KILL -> killAndStart("pgbouncer", true, plan.down(), null, null);
                case POSTGRES_RESTART -> restart("postgres", Map.of("PG_RESTART_MODE", "immediate"));
                case ROLLING_RESTART -> restart("all", Map.of());
            });
        } catch (StackControl.CommandFailed e) {
            window.action("FAILED: " + e.getMessage());
            failedActions.add(fault.id() + ": " + e.getMessage());
        }
    }

    /**
     * Signals the first process of {@code group} (SIGKILL when {@code force}, else SIGTERM), leaves it down for
     * {@code downFor}, then starts it with {@code ops/stack restart NAME}. For a worker, the runs open at the kill
     * are noted in {@code window}.
     */
    private String killAndStart(String group, boolean force, Duration downFor, Window window, SteadyTraffic traffic)
            throws InterruptedException {
        List<Long> pids = stack.pids(group);
        if (pids.isEmpty()) {
            throw new StackControl.CommandFailed("no " + group + " process runs");
        }
        long pid = pids.getFirst();
        String name = StackControl.nameOf(pid, group);
        Instant killedAt = Instant.now();
        String signal = StackControl.signal(pid, force, Duration.ofSeconds(force ? 10 : 60));
        if (window != null) {
            window.workerKill(new Window.WorkerKill(name, killedAt, traffic.openRuns().stream()
                    .filter(run -> run.acceptedAt().isBefore(killedAt)).toList()));
        }
        say("  %s: %s; down for %s", name, signal, text(downFor));
        Thread.sleep(downFor);
        long t0 = System.nanoTime();
        stack.restart(name, Map.of());
        return String.format(Locale.ROOT, "%s %s; started again after %s, healthy in %.1f s",
                name, signal, text(downFor), (System.nanoTime() - t0) / 1e9);
    }

    private String restart(String what, Map<String, String> env) throws InterruptedException {
        long t0 = System.nanoTime();
        stack.restart(what, env);
        return String.format(Locale.ROOT, "ops/stack restart %s%s: healthy again in %.1f s", what,
                env.isEmpty() ? "" : " (" + env + ")", (System.nanoTime() - t0) / 1e9);
    }

    /** The seed's workflow, created once: one one-second delay step. */
    private String createWorkflow() {
        byte[] body = ("{\"name\":\"fault-suite\",\"description\":\"steady traffic of the fault suite\","
                + "\"steps\":[{\"name\":\"wait\",\"type\":\"delay\",\"config\":{\"duration\":1}}]}").getBytes(StandardCharsets.UTF_8);
        try (HttpConnection connection = plan.target().connect(plan.connectTimeout().toNanos())) {
            Response response = connection.exchange("POST", plan.target().resolve("/api/v1/workflows"), body,
                    System.nanoTime() + plan.requestTimeout().toNanos());
            String id = response.isSuccess() ? JsonFields.read(response.body(), "workflow_id").get("workflow_id") : null;
            if (id == null) {
                throw new IllegalStateException("creating the workflow answered " + response.status() + ": " + response.bodyText());
            }
            return id;
        } catch (RequestFailure | IOException e) {
            throw new IllegalStateException("creating the workflow failed at " + plan.target().url() + ": " + e.getMessage());
        }
    }

    private static Stretch stretch(Window window) {
        List<ErrorCount> errors = window.errors().entrySet().stream()
                .map(e -> new ErrorCount(e.getKey().request().name().toLowerCase(Locale.ROOT), e.getKey().kind(), e.getValue(),
                        VerdictRules.tolerated(window.fault(), e.getKey().kind())))
                .sorted((a, b) -> Long.compare(b.count(), a.count()))
                .toList();
        List<FollowedRun> runs = window.acceptedRuns();
        long succeeded = runs.stream().filter(r -> r.isTerminal() && r.succeeded()).count();
        long ended = runs.stream().filter(FollowedRun::isTerminal).count();
        Instant end = window.end() == null ? Instant.now() : window.end();
        return new Stretch(window.name(), window.fault() == null ? null : window.fault().id(),
                window.fault() == null ? window.name() : window.fault().description(), window.action(),
                Duration.between(window.start(), end).toMillis() / 1000.0, window.sentCount(), window.notSentCount(),
                errors, runs.size(), succeeded, ended - succeeded, runs.size() - ended, window.unknownCount(),
                slowest(runs), recovery(window.workerKill()));
    }

    private static Double slowest(List<FollowedRun> runs) {
        return runs.stream().filter(FollowedRun::isTerminal)
                .mapToDouble(run -> Duration.between(run.acceptedAt(), run.completedAt()).toMillis() / 1000.0)
                .boxed().max(Double::compare).orElse(null);
    }

    private static WorkerRecovery recovery(Window.WorkerKill kill) {
        if (kill == null) {
            return null;
        }
        int inFlight = 0;
        int late = 0;
        int never = 0;
        Double last = null;
        for (FollowedRun run : kill.inFlight()) {
            if (!run.isTerminal()) {
                inFlight++;
                never++;
                continue;
            }
            double seconds = Duration.between(kill.killedAt(), run.completedAt()).toMillis() / 1000.0;
            if (seconds < 0) {
                continue; // it had ended before the kill, only not been read yet
            }
            inFlight++;
            last = last == null ? seconds : Math.max(last, seconds);
            if (seconds > WorkerRecovery.LATE_AFTER_SECONDS) {
                late++;
            }
        }
        return new WorkerRecovery(kill.worker(), inFlight, late, last, never);
    }

    private FaultReport.Settings settings() {
        return new FaultReport.Settings(plan.target().url(), plan.rate(), text(plan.baseline()), text(plan.gap()),
                text(plan.down()), text(plan.kafkaDown()), text(plan.finalWait()), text(plan.requestTimeout()),
                plan.maxErrors(), plan.faults().stream().map(Fault::id).toList());
    }

    private void say(String format, Object... args) {
        console.printf(Locale.ROOT, "[faults %s] %s%n", Instant.now().toString().substring(11, 19), String.format(Locale.ROOT, format, args));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
