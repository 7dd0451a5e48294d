package io.workflow.adapters.memory;

import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.run.Run;

import java.util.logging.Logger;

/** Completion events for the embedded mode: logged at FINE. */
public final class LoggingCompletionPublisher implements RunCompletionPublisher {
    private static final Logger LOG = Logger.getLogger(LoggingCompletionPublisher.class.getName());

    @Override
    public void completed(Run run) {
        LOG.fine(() -> "run " + run.id() + " completed: " + run.status());
    }
}
