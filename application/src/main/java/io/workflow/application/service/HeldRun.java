package io.workflow.application.service;

import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.run.Timer;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A run this process has claimed, as last stored. Every write after the claim goes through here, one
 * at a time: the executing thread's step results and terminal status, and the heartbeat's lease
 * renewals. Each is a compare-and-set against the version this holds, so once the run changed
 * elsewhere (a person cancelled it, or another worker took it over when this one's lease ran out),
 * every further write fails and the execution backs off. A renewal that finds so marks the run lost
 * and interrupts the executing thread, so a long delay or call does not go on for nothing.
 */
final class HeldRun {
    private static final Logger LOG = Logger.getLogger(HeldRun.class.getName());

    private final RunRepository runs;
    private final CacheAside<Run> cache;
    private final Clock clock;
    private final Duration lease;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread executing = Thread.currentThread();
    private volatile boolean lost;
    /** Parked on a timer or handed back: no longer this process's to renew. */
    private boolean letGo;
    private Run current;

    /**
     * {@code stored}: the run as its claim stored it ({@link RunRepository#claim} or {@link RunRepository#claimDue}).
     * Made on the thread that executes the run's steps: the one a lost run interrupts.
     */
    HeldRun(Run stored, RunRepository runs, CacheAside<Run> cache, Clock clock, Duration lease) {
        this.current = stored;
        this.runs = runs;
        this.cache = cache;
        this.clock = clock;
        this.lease = lease;
    }

    /** The run as this process last stored it. */
    Run current() {
        lock.lock();
        try {
            return current;
        } finally {
            lock.unlock();
        }
    }

    /** Stores {@code change(current)} in place of the current version; false if the run was taken over. */
    boolean change(UnaryOperator<Run> change) {
        lock.lock();
        try {
            Run next = change.apply(current);
            if (!runs.compareAndSet(current, next)) {
                return false;
            }
            current = next;
            cache.changed(next.id());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parks the run on {@code timer} and lets it go: no renewal follows, so it is nobody's until the
     * timer is due. False if the run was taken over (or cancelled) before.
     */
    boolean park(Timer timer) {
        return letGo(run -> run.park(timer));
    }

    private boolean letGo(UnaryOperator<Run> change) {
        lock.lock();
        try {
            boolean changed = change(change);
            letGo = true;
            return changed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a renewal found the run changed elsewhere: the interrupt it sent is not a shutdown. */
    boolean isLost() {
        return lost;
    }

    /**
     * The heartbeat: holds the run for another lease from now. A renewal that cannot reach the store
     * is logged and left to the next beat; the lease is long enough for a few to fail.
     */
    void renew() {
        lock.lock();
        try {
            if (current.status() != RunStatus.RUNNING || letGo) {
                return;
            }
            Run renewed = current.heldUntil(clock.instant().plus(lease));
            if (runs.compareAndSet(current, renewed)) {
                current = renewed;
            } else {
                lost = true;
                executing.interrupt();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not renew the lease of run " + current.id() + "; trying again at the next beat", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands the run back (this process is shutting down mid-step): still running, its lease ended now,
     * so the next worker to receive it resumes it at once from the step that did not complete.
     * Best effort: if the store cannot be reached, the lease simply runs out.
     */
    void release() {
        try {
            letGo(run -> run.release(clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not hand back run " + current().id() + "; it is resumed when its lease runs out", e);
        }
    }
}
