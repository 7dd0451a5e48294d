package io.workflow.perf.faults;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * One stretch of the suite — the baseline, a fault with the quiet gap after it, or the final wait — and what the
 * traffic saw while it lasted. A request belongs to the window in which it was sent; a run to the one in which its
 * trigger was sent.
 */
final class Window {

    /** Who sent a request: the trigger, or the follower reading a run. */
    enum Request { TRIGGER, READ }

    record ErrorKey(Request request, String kind) {
    }

    private final String name;
    private final Fault fault;
    private final Instant start = Instant.now();
    private final LongAdder sent = new LongAdder();
    private final LongAdder notSent = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final Map<ErrorKey, LongAdder> errors = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<FollowedRun> accepted = new ConcurrentLinkedQueue<>();
    private volatile Instant end;
    private volatile String action = "";
    private volatile WorkerKill workerKill;

    /** The moment a worker was killed and the runs not yet terminal then. */
    record WorkerKill(String worker, Instant killedAt, List<FollowedRun> inFlight) {
    }

    Window(String name, Fault fault) {
        this.name = name;
        this.fault = fault;
    }

    String name() {
        return name;
    }

    /** The fault of this window; null for the baseline and the final wait. */
    Fault fault() {
        return fault;
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }

    void close() {
        if (end == null) {
            end = Instant.now();
        }
    }

    void sent() {
        sent.increment();
    }

    /** A trigger the driver skipped because as many as it allows were still unanswered. */
    void notSent() {
        notSent.increment();
    }

    void error(Request request, String kind) {
        errors.computeIfAbsent(new ErrorKey(request, kind), k -> new LongAdder()).increment();
    }

    /** A trigger sent without an answer: the service may or may not have accepted its run. */
    void unknownOutcome() {
        unknown.increment();
    }

    void accepted(FollowedRun run) {
        accepted.add(run);
    }

    long sentCount() {
        return sent.sum();
    }

    long notSentCount() {
        return notSent.sum();
    }

    long unknownCount() {
        return unknown.sum();
    }

    Map<ErrorKey, Long> errors() {
        Map<ErrorKey, Long> copy = new ConcurrentHashMap<>();
        errors.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    List<FollowedRun> acceptedRuns() {
        return List.copyOf(accepted);
    }

    String action() {
        return action;
    }

    void action(String text) {
        action = text;
    }

    WorkerKill workerKill() {
        return workerKill;
    }

    void workerKill(WorkerKill kill) {
        workerKill = kill;
    }
}
