package io.workflow.bootstrap.telemetry;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a log line is about: the request being answered and the run being moved, kept per thread so
 * that every line written while a request is handled or a run is executed carries them, whoever
 * writes it (our code, Helidon, a driver). A thread-local rather than a scoped value: the build
 * targets Java 21, and each setter restores what it replaced, so nesting is safe.
 */
public final class LogContext {
    private static final ThreadLocal<Fields> CURRENT = ThreadLocal.withInitial(() -> Fields.NONE);

    private LogContext() {
    }

    /** The request id, run id and workflow id a line is about; null where unknown. */
    public record Fields(String requestId, UUID runId, UUID workflowId) {
        static final Fields NONE = new Fields(null, null, null);
    }

    /** The fields of the current thread. */
    public static Fields current() {
        return CURRENT.get();
    }

    /** Runs {@code work} with this request id, the run fields cleared. */
    public static <T> T withRequest(String requestId, Supplier<T> work) {
        return with(new Fields(requestId, null, null), work);
    }

    /**
     * Runs {@code work} about this run, keeping the current request id; a null {@code workflowId}
     * keeps the one already known for this run, if any.
     */
    public static <T> T withRun(UUID runId, UUID workflowId, Supplier<T> work) {
        Fields now = CURRENT.get();
        UUID workflow = workflowId != null ? workflowId : runId.equals(now.runId()) ? now.workflowId() : null;
        return with(new Fields(now.requestId(), runId, workflow), work);
    }

    /** Runs {@code work} about this run, keeping the current request id. */
    public static void withRun(UUID runId, UUID workflowId, Runnable work) {
        withRun(runId, workflowId, () -> {
            work.run();
            return null;
        });
    }

    private static <T> T with(Fields fields, Supplier<T> work) {
        Fields before = CURRENT.get();
        CURRENT.set(fields);
        try {
            return work.get();
        } finally {
            if (before == Fields.NONE) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
