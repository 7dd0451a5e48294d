package io.workflow.application;

import io.workflow.domain.run.Run;

import java.util.UUID;

/** Reads a run. */
@FunctionalInterface
public interface GetRun {

    /** The run, or {@link io.workflow.domain.NotFoundException}. */
    Run get(UUID id);
}
