package io.workflow.application;

import io.workflow.domain.NotFoundException;
import io.workflow.domain.run.Run;

import java.util.UUID;

/** Reads a run. */
@FunctionalInterface
public interface GetRun {

    /** The run, or {@link io.workflow.domain.NotFoundException}. */
    Run get(UUID id);

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
