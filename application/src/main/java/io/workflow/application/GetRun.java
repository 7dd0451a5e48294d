package io.workflow.application;

import io.workflow.domain.NotFoundException;
import io.workflow.domain.run.Run;
import io.workflow.domain.timeline.RunTimeline;

import java.util.Optional;
import java.util.UUID;

/** Reads a run, and follows it step by step. */
public interface GetRun {

    /** The run, or {@link io.workflow.domain.NotFoundException}. */
    Run get(UUID id);

    /** The run's timeline now: every step of its workflow and where it stands; empty if the workflow is gone. */
    Optional<RunTimeline> timeline(Run run);

    /**
     * The run if {@code tenant} owns it; {@link io.workflow.domain.NotFoundException} otherwise, the
     * same answer as for an unknown run, so a tenant cannot tell another's ids from made-up ones.
     */
    default Run get(String tenant, UUID id) {
        Run run = get(id);
        if (!run.tenant().equals(tenant)) {
            throw new NotFoundException("run", id);
        }
        return run;
    }
}
