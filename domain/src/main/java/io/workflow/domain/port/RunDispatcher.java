package io.workflow.domain.port;

import io.workflow.domain.run.Run;

/** Hands a pending run to whatever executes runs (a queue, or an in-process executor). */
public interface RunDispatcher {

    /** Hands the run over; throws {@link DispatchException} when it could not be handed over. */
    void dispatch(Run run);

    /** The run was not handed over; it is still pending and nobody will execute it unless told again. */
    final class DispatchException extends RuntimeException {
        public DispatchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
