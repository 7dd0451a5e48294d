package io.workflow.perf.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.LatencySummary;
import io.workflow.perf.model.OpenLoopResult;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.RequestCounts;
import io.workflow.perf.model.Throughput;
import io.workflow.perf.model.UserCounts;
import io.workflow.perf.model.WarmupResult;

/** Runs the warm-up, measured and completion parts of one phase against one target and assembles its result. */
public final class PhaseRunner {

    static final int MAX_ROUNDS = 100;

    private final LoadSettings settings;
    private final long ticksPerSecond = ProcessSampler.clockTicksPerSecond();

    public PhaseRunner(LoadSettings settings) {
        this.settings = settings;
    }

    /** {@code rounds} passes of the flow with {@code users} users, measured only for the report's warm-up line. */
    public WarmupResult warmUp(Target target, int users, int rounds) throws InterruptedException {
        long sent = 0;
        long succeeded = 0;
        double seconds = 0;
        double lastRate = 0;
        for (int round = 1; round <= rounds; round++) {
            PhaseMetrics metrics = new PhaseMetrics();
            ProcessSampler none = new ProcessSampler(List.of(), settings.proc(), ticksPerSecond);
            long wall;
            try (PhaseMonitor monitor = monitor(target.name() + " warm-up " + round + "/" + rounds, metrics, none, users, false)) {
                wall = new ClosedLoopPhase(target, settings).run(users, metrics, monitor::start);
            }
            sent += metrics.sentTotal();
            succeeded += metrics.succeededTotal();
            seconds += wall / 1e9;
            lastRate = metrics.sentTotal() / (wall / 1e9);
        }
        return new WarmupResult(rounds, users, sent, succeeded, sent - succeeded, seconds, lastRate);
    }

    public PhaseResult closedLoop(Target target, int users, WarmupResult warmup) throws InterruptedException {
        return closedLoop(target, users, warmup, Duration.ZERO);
    }

    /**
     * {@code users} users released at once, each running the flow once; then the same round again, back to back,
     * until the phase has lasted {@code atLeast} (at most {@value #MAX_ROUNDS} rounds). One round when zero.
     * Every round counts: the phase's requests, users and CPU are those of all its rounds over their whole time.
     */
    public PhaseResult closedLoop(Target target, int users, WarmupResult warmup, Duration atLeast) throws InterruptedException {
        PhaseMetrics metrics = new PhaseMetrics();
        ProcessSampler sampler = sampler();
        String startedAt = Instant.now().toString();
        PhaseMonitor monitor = monitor(target.name(), metrics, sampler, users, false);
        long wall;
        try (monitor) {
            ClosedLoopPhase round = new ClosedLoopPhase(target, settings);
            wall = round.run(users, metrics, monitor::start);
            for (int rounds = 1; rounds < MAX_ROUNDS && wall < atLeast.toNanos(); rounds++) {
                monitor.planMore(users);
                round.run(users, metrics, next -> { });
                wall = System.nanoTime() - monitor.startNanos();
            }
        }
        return result(target, PhaseResult.CLOSED_LOOP, users, startedAt, wall, metrics, sampler, monitor, warmup, null);
    }

    public PhaseResult openLoop(Target target, double ratePerSecond, Duration duration, int maxInFlight, WarmupResult warmup)
            throws InterruptedException {
        PhaseMetrics metrics = new PhaseMetrics();
        ProcessSampler sampler = sampler();
        String startedAt = Instant.now().toString();
        PhaseMonitor monitor = monitor(target.name(), metrics, sampler, 0, true);
        long wall;
        try (monitor) {
            wall = new OpenLoopPhase(target, settings).run(ratePerSecond, duration, maxInFlight, metrics, monitor::start);
        }
        OpenLoopResult openLoop = new OpenLoopResult(ratePerSecond, duration.toNanos() / 1e9, maxInFlight,
                metrics.scheduled(), metrics.usersStarted(), metrics.dropped(), LatencySummary.from(metrics.scheduleLag()));
        return result(target, PhaseResult.OPEN_LOOP, maxInFlight, startedAt, wall, metrics, sampler, monitor, warmup, openLoop);
    }

    private PhaseResult result(Target target, String mode, int concurrency, String startedAt, long wallNanos,
                               PhaseMetrics metrics, ProcessSampler sampler, PhaseMonitor monitor, WarmupResult warmup,
                               OpenLoopResult openLoop) throws InterruptedException {
        List<EndpointResult> endpoints = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            long sent = metrics.sent(endpoint);
            long succeeded = metrics.succeeded(endpoint);
            endpoints.add(new EndpointResult(endpoint.label(), endpoint.method(), endpoint.path(), endpoint.category(),
                    sent, succeeded, sent - succeeded, LatencySummary.from(metrics.latencies.total(endpoint))));
        }
        long users = metrics.usersStarted();
        long sent = metrics.sentTotal();
        long succeeded = metrics.succeededTotal();
        long planned = users * Endpoint.PER_USER;
        double seconds = wallNanos / 1e9;
        var completion = new CompletionPoller(target, settings, target.name()).await(metrics.runs());
        return new PhaseResult(
                target.name(), target.url(), target.stub(), mode, concurrency, startedAt, seconds,
                new RequestCounts(planned, sent, succeeded, sent - succeeded, planned - sent),
                new UserCounts(users, metrics.usersCompleted(), users - metrics.usersCompleted()),
                new Throughput(sent / seconds, succeeded / seconds),
                LatencySummary.from(metrics.latencies.overall()),
                endpoints,
                metrics.errors.summary(sent),
                completion,
                openLoop,
                warmup,
                sampler.summaries(),
                monitor.timeline());
    }

    private ProcessSampler sampler() {
        return new ProcessSampler(settings.sampledProcesses(), settings.proc(), ticksPerSecond);
    }

    private PhaseMonitor monitor(String label, PhaseMetrics metrics, ProcessSampler sampler, long plannedUsers, boolean openLoop) {
        return new PhaseMonitor(label, metrics, sampler, plannedUsers, openLoop, settings.console(),
                settings.tick().toNanos(), settings.progressEveryTicks());
    }
}
