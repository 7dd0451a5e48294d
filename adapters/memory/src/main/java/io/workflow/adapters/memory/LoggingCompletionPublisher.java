package io.workflow.adapters.memory;

import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.run.Run;

import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/** Completion events for the embedded mode: logged at FINE and counted. */
public final class LoggingCompletionPublisher implements RunCompletionPublisher {
    private static final Logger LOG = Logger.getLogger(LoggingCompletionPublisher.class.getName());

    private final LongAdder published = new LongAdder();

    @Override
    public void completed(Run run) {
        published.increment();
        LOG.fine(() -> "run " + run.id() + " completed: " + run.status().wireName());
    }

    /** How many completions were announced. */
    public long published() {
        return published.sum();
    }
}
