package io.workflow.perf.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.workflow.perf.http.ErrorKind;

/** What one phase has measured so far; written by request threads, read by the monitor and at the end. */
final class PhaseMetrics {

    final LatencyRecorder latencies = new LatencyRecorder();
    final ErrorTally errors = new ErrorTally();

    private final LongAdder[] sent = adders();
    private final LongAdder[] succeeded = adders();
    private final LongAdder usersStarted = new LongAdder();
    private final LongAdder usersDone = new LongAdder();
    private final LongAdder usersCompleted = new LongAdder();
    private final LongAdder scheduled = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Recorder scheduleLag = new Recorder(1, LatencyRecorder.HIGHEST_MICROS, LatencyRecorder.SIGNIFICANT_DIGITS);
    private final ConcurrentLinkedQueue<TriggeredRun> runs = new ConcurrentLinkedQueue<>();

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[Endpoint.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    void succeeded(Endpoint endpoint, long micros) {
        sent[endpoint.ordinal()].increment();
        succeeded[endpoint.ordinal()].increment();
        latencies.record(endpoint, micros);
    }

    void failed(Endpoint endpoint, long micros, ErrorKind kind, String sample) {
        sent[endpoint.ordinal()].increment();
        latencies.record(endpoint, micros);
        errors.record(kind, endpoint, sample, micros);
    }

    void userStarted() {
        usersStarted.increment();
    }

    void userFinished(boolean completedFlow) {
        usersDone.increment();
        if (completedFlow) {
            usersCompleted.increment();
        }
    }

    void iterationScheduled() {
        scheduled.increment();
    }

    void iterationDropped() {
        dropped.increment();
    }

    void iterationStartedLate(long lagNanos) {
        scheduleLag.recordValue(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMicros(lagNanos), LatencyRecorder.HIGHEST_MICROS)));
    }

    void triggered(TriggeredRun run) {
        runs.add(run);
    }

    long sent(Endpoint endpoint) {
        return sent[endpoint.ordinal()].sum();
    }

    long succeeded(Endpoint endpoint) {
        return succeeded[endpoint.ordinal()].sum();
    }

    long sentTotal() {
        long total = 0;
        for (LongAdder adder : sent) {
            total += adder.sum();
        }
        return total;
    }

    long succeededTotal() {
        long total = 0;
        for (LongAdder adder : succeeded) {
            total += adder.sum();
        }
        return total;
    }

    long usersStarted() {
        return usersStarted.sum();
    }

    long usersDone() {
        return usersDone.sum();
    }

    long usersCompleted() {
        return usersCompleted.sum();
    }

    long scheduled() {
        return scheduled.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    Histogram scheduleLag() {
        return scheduleLag.getIntervalHistogram();
    }

    List<TriggeredRun> runs() {
        return new ArrayList<>(runs);
    }
}
