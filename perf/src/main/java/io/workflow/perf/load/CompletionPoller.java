package io.workflow.perf.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;

import io.workflow.perf.http.HttpConnection;
import io.workflow.perf.http.RequestFailure;
import io.workflow.perf.http.Response;
import io.workflow.perf.model.CompletionResult;
import io.workflow.perf.model.LatencySummary;

/**
 * After a phase, polls {@code GET /api/v1/runs/{id}} for every triggered run not yet seen terminal, in rounds
 * one poll interval apart, over a few keep-alive connections, until all are terminal or the wait is over.
 * It starts only once the phase is over, so its requests never mix with the measured ones.
 */
final class CompletionPoller {

    private final Target target;
    private final LoadSettings settings;
    private final String label;

    CompletionPoller(Target target, LoadSettings settings, String label) {
        this.target = target;
        this.settings = settings;
        this.label = label;
    }

    CompletionResult await(List<TriggeredRun> runs) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + settings.completionWait().toNanos();
        long interval = settings.pollInterval().toNanos();
        long requestTimeout = settings.requestTimeout().toNanos();
        LongAdder polls = new LongAdder();
        LongAdder errors = new LongAdder();
        List<TriggeredRun> pending = pendingOf(runs);
        int connectionCount = Math.max(1, Math.min(settings.pollConnections(), pending.size()));
        List<HttpConnection> connections = new ArrayList<>();
        for (int i = 0; i < connectionCount; i++) {
            connections.add(target.connect(settings.connectTimeout().toNanos()));
        }
        long lastProgress = start;
        try {
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                long roundStart = System.nanoTime();
                ConcurrentLinkedQueue<TriggeredRun> queue = new ConcurrentLinkedQueue<>(pending);
                Thread[] workers = new Thread[connections.size()];
                for (int i = 0; i < workers.length; i++) {
                    HttpConnection connection = connections.get(i);
                    workers[i] = Thread.ofVirtual().start(() -> {
                        for (TriggeredRun run = queue.poll(); run != null && System.nanoTime() < deadline; run = queue.poll()) {
                            polls.increment();
                            if (!poll(connection, run, Math.min(deadline, System.nanoTime() + requestTimeout))) {
                                errors.increment();
                            }
                        }
                    });
                }
                for (Thread worker : workers) {
                    worker.join();
                }
                pending = pendingOf(pending);
                if (System.nanoTime() - lastProgress >= TimeUnit.SECONDS.toNanos(2)) {
                    lastProgress = System.nanoTime();
                    settings.console().printf(Locale.ROOT, "[%s] runs %d/%d terminal, waited %.1f s%n",
                            label, runs.size() - pending.size(), runs.size(), (lastProgress - start) / 1e9);
                }
                long sleep = Math.min(roundStart + interval, deadline) - System.nanoTime();
                if (!pending.isEmpty() && sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
        } finally {
            connections.forEach(HttpConnection::close);
        }
        return result(runs, polls.sum(), errors.sum(), (System.nanoTime() - start) / 1e9);
    }

    private boolean poll(HttpConnection connection, TriggeredRun run, long deadline) {
        try {
            Response response = connection.exchange("GET", target.resolve("/api/v1/runs/" + run.runId()), null, deadline);
            if (!response.isSuccess()) {
                return false;
            }
            run.observe(JsonFields.read(response.body(), TriggeredRun.FIELDS), System.nanoTime());
            return true;
        } catch (RequestFailure | IOException e) {
            return false;
        }
    }

    private CompletionResult result(List<TriggeredRun> runs, long polls, long errors, double waitedSeconds) {
        Histogram toTerminal = LatencyRecorder.newHistogram();
        Histogram serverDuration = LatencyRecorder.newHistogram();
        long success = 0;
        long failed = 0;
        for (TriggeredRun run : runs) {
            if (!run.isTerminal()) {
                continue;
            }
            if (run.status().equals("success")) {
                success++;
            } else {
                failed++;
            }
            toTerminal.recordValue(clamp(TimeUnit.NANOSECONDS.toMicros(run.triggerToTerminalNanos())));
            if (run.serverDurationMs() != null) {
                serverDuration.recordValue(clamp(Math.round(run.serverDurationMs() * 1000)));
            }
        }
        return new CompletionResult(runs.size(), success, failed, runs.size() - success - failed, polls, errors,
                settings.completionWait().toNanos() / 1e9, waitedSeconds, settings.pollInterval().toNanos() / 1e9,
                LatencySummary.from(toTerminal),
                serverDuration.getTotalCount() == 0 ? null : LatencySummary.from(serverDuration));
    }

    private static long clamp(long micros) {
        return Math.max(1, Math.min(micros, LatencyRecorder.HIGHEST_MICROS));
    }

    private static List<TriggeredRun> pendingOf(List<TriggeredRun> runs) {
        List<TriggeredRun> pending = new ArrayList<>();
        for (TriggeredRun run : runs) {
            if (!run.isTerminal()) {
                pending.add(run);
            }
        }
        return pending;
    }
}
