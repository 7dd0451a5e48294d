package io.workflow.adapters.http;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The API's concurrency limit: at most {@link ClientLimits#apiPermits()} requests under
 * {@code /api/v1} are worked on at once, the rest wait their turn in a FIFO queue. Without it, 10,000
 * users pile onto the database connections and the pool (which lets newcomers barge ahead of
 * waiters) starves some requests past any timeout. It is a filter rather than the listener's own
 * limit so that what holds the API's permits (slow clients among them) never delays {@code /health}
 * or {@code /observe/*}. A request that finds the queue full, or waits in it too long, is answered
 * 503 with {@code Retry-After}, and its connection closed.
 */
final class ApiConcurrencyLimit implements Filter {
    private final FifoLimit limit;

    ApiConcurrencyLimit(ClientLimits limits) {
        limit = new FifoLimit(limits.apiPermits(), limits.apiQueueLength(), limits.apiQueueTimeout());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.prologue().uriPath().path().startsWith(HttpApi.PREFIX)) {
            chain.proceed();
            return;
        }
        if (!limit.acquire()) {
            // Closing the connection spares reading a body nobody will use (from a client that may be slow).
            res.header(HeaderValues.CONNECTION_CLOSE);
            ProblemResponses.unavailable(res, ProblemResponses.RETRY_AFTER_SECONDS,
                    "the service is working on as many requests as it can take; try again later");
            return;
        }
        try {
            chain.proceed();
        } finally {
            limit.release();
        }
    }
}
