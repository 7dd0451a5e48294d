package io.workflow.domain.port;

/**
 * Carries the id of the request that handed a run over (its {@code X-Request-Id}) from the thread
 * that dispatches the run to the thread that executes it, so that the run's log lines on the worker
 * name the request that started them. It travels beside the run, never in it: nothing executes
 * differently for it, and a run dispatched without a request (a sweep, a due timer) has none.
 */
public interface RequestCorrelation {

    /** Carries nothing: no request id is read, and work runs as it is. */
    RequestCorrelation NONE = new RequestCorrelation() {
        @Override
        public String current() {
            return null;
        }

        @Override
        public void within(String requestId, Runnable work) {
            work.run();
        }
    };

    /** The id of the request the calling thread is handling; null when it handles none. */
    String current();

    /** Runs {@code work} on the calling thread as part of request {@code requestId} (null: of none). */
    void within(String requestId, Runnable work);
}
