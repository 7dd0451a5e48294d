package io.workflow.perf.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import io.workflow.perf.model.TimelinePoint;

/**
 * Ticks while a phase runs: drains the latency recorders into the timeline, samples processes, and prints a
 * progress line every {@code progressEvery} ticks. It runs on a platform thread, so ten thousand busy virtual
 * threads cannot delay its ticks.
 */
final class PhaseMonitor implements AutoCloseable {

    private final String label;
    private final PhaseMetrics metrics;
    private final ProcessSampler sampler;
    private volatile long plannedUsers;
    private final boolean openLoop;
    private final PrintStream console;
    private final long tickNanos;
    private final int progressEvery;
    private final List<TimelinePoint> timeline = new ArrayList<>();

    private Thread thread;
    private volatile boolean running;
    private long startNanos;
    private long lastTickNanos;
    private long lastErrors;
    private int ticks;

    PhaseMonitor(String label, PhaseMetrics metrics, ProcessSampler sampler, long plannedUsers, boolean openLoop,
                 PrintStream console, long tickNanos, int progressEvery) {
        this.label = label;
        this.metrics = metrics;
        this.sampler = sampler;
        this.plannedUsers = plannedUsers;
        this.openLoop = openLoop;
        this.console = console;
        this.tickNanos = tickNanos;
        this.progressEvery = progressEvery;
    }

    /** Time zero of the phase, as {@link #start} was given it. */
    long startNanos() {
        return startNanos;
    }

    /** Another round of {@code users} joins the phase (a stub phase repeating its round). */
    void planMore(long users) {
        plannedUsers += users;
    }

    /** Starts ticking; {@code startNanos} is time zero of the phase. */
    void start(long startNanos) {
        this.startNanos = startNanos;
        this.lastTickNanos = startNanos;
        sampler.sample(0, startNanos);
        running = true;
        thread = Thread.ofPlatform().daemon().name("perf-monitor").start(this::loop);
    }

    private void loop() {
        long next = startNanos + tickNanos;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            tick(System.nanoTime());
            next += tickNanos;
        }
    }

    private synchronized void tick(long now) {
        Histogram interval = metrics.latencies.drain();
        long errors = metrics.errors.total();
        double seconds = Math.max(1e-9, (now - lastTickNanos) / 1e9);
        double t = (now - startNanos) / 1e9;
        long requests = interval.getTotalCount();
        long newErrors = errors - lastErrors;
        timeline.add(new TimelinePoint(t, requests, newErrors, requests / seconds, newErrors / seconds,
                metrics.usersDone(), percentile(interval, 50), percentile(interval, 99)));
        sampler.sample(t, now);
        lastErrors = errors;
        lastTickNanos = now;
        if (++ticks % progressEvery == 0) {
            console.println(progressLine(requests / seconds, errors));
        }
    }

    private String progressLine(double requestsPerSecond, long errors) {
        if (openLoop) {
            return String.format(Locale.ROOT, "[%s] iterations %d/%d done, dropped %d, %.0f req/s, errors %d",
                    label, metrics.usersDone(), metrics.scheduled(), metrics.dropped(), requestsPerSecond, errors);
        }
        return String.format(Locale.ROOT, "[%s] users %d/%d done, %.0f req/s, errors %d",
                label, metrics.usersDone(), plannedUsers, requestsPerSecond, errors);
    }

    private static double percentile(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Stops ticking and records the last, partial interval; after this the metrics' totals are complete. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticks = progressEvery - 1; // the final tick always prints
        tick(System.nanoTime());
        thread = null;
    }

    synchronized List<TimelinePoint> timeline() {
        return List.copyOf(timeline);
    }
}
