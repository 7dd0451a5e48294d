package io.workflow.application;

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
}
