package io.workflow.domain.port;

import io.workflow.domain.page.Page;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunSummary;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where runs are kept. Every change after the insert is a compare-and-set. Every method throws
 * {@link StoreUnavailableException} when the store cannot be reached.
 */
public interface RunRepository extends RunListing {

    /** Stores a new run. */
    void insert(Run run);

    /** The run with this id, if any. */
    Optional<Run> findById(UUID id);

    /**
     * A page of the runs the query {@link RunQuery#selects selects}, in its order (creation time, then
     * id: both descending newest first, both ascending oldest first). The page honours the
     * request's byte budget as this store measures a run: the size of its payload and its step
     * results in the store's own encoding; runs past the budget are left to the next page.
     */
    Page<Run> list(RunQuery query);

    /** {@link #list}'s page as summaries; by default decoded from it, a store may read them more cheaply. */
    @Override
    default Page<RunSummary> summaries(RunQuery query) {
        return list(query).map(RunSummary::of);
    }

    /**
     * Replaces {@code expected} by {@code next} only if the stored run still has {@code expected}'s
     * status and lease; returns whether it did. This is what keeps two workers off one run.
     */
    boolean compareAndSet(Run expected, Run next);

    /**
     * Claims the run for the caller in one step, reading nothing first: if it is claimable at
     * {@code now} ({@link Run#isClaimable}: pending, or running with a lease that ended before
     * {@code now}), stores {@link Run#claim claim(now, leaseUntil)} and returns the run as stored;
     * otherwise (absent, finished, or held under a live lease) changes nothing and returns empty.
     * The returned run's start time equals {@code now} exactly when this claim started it.
     */
    Optional<Run> claim(UUID id, Instant now, Instant leaseUntil);

    /**
     * Runs that nobody is moving forward: pending since before {@code pendingBefore}, or running
     * with a lease that expired before {@code now}. At most {@code limit}, oldest first.
     */
    List<Run> findStranded(Instant pendingBefore, Instant now, int limit);

    /**
     * Claims, for the caller, up to {@code limit} running runs whose lease ended before
     * {@code now} (a timer that is due, or a worker that died), soonest due first: each is stored
     * held until {@code leaseUntil} ({@link Run#claim}) and returned as stored. Runs claimed by a
     * concurrent caller are skipped, not waited for, so workers polling together share the due runs.
     */
    List<Run> claimDue(Instant now, Instant leaseUntil, int limit);
}
