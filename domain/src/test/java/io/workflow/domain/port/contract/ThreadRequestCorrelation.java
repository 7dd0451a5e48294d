package io.workflow.domain.port.contract;

import io.workflow.domain.port.RequestCorrelation;

/** A {@link RequestCorrelation} over a thread-local, for tests: {@link #handling} plays the request being handled. */
public final class ThreadRequestCorrelation implements RequestCorrelation {
    private final ThreadLocal<String> request = new ThreadLocal<>();

    @Override
    public String current() {
        return request.get();
    }

    @Override
    public void within(String requestId, Runnable work) {
        request.set(requestId);
        try {
            work.run();
        } finally {
            request.remove();
        }
    }

    /** Runs {@code work} as if this thread handled request {@code requestId}. */
    public void handling(String requestId, Runnable work) {
        within(requestId, work);
    }
}
