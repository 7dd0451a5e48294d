package io.workflow.domain.port;

import io.workflow.domain.run.Run;

/** Announces that a run reached a terminal status. */
@FunctionalInterface
public interface RunCompletionPublisher {

    /** Announces the terminal run; failures are the publisher's to log, the run stays finished. */
    void completed(Run run);
}
