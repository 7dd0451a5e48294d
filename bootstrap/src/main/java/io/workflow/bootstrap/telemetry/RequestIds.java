package io.workflow.bootstrap.telemetry;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.workflow.domain.port.RequestCorrelation;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives each request an id: the caller's {@code X-Request-Id} when it is a safe one (1 to
 * {@link #MAX_LENGTH} letters, digits, {@code . _ : -}), a new one otherwise. The response carries it
 * back in the same header, and every line logged while the request is handled carries it as
 * {@code request_id}. A caller's id that is not safe is replaced, not echoed: it would end up in
 * log files and response headers. {@link #CORRELATION} carries the id on with the runs the request
 * dispatches, to the worker that executes them. A new id is a random UUID from the thread's own
 * generator, not from {@link UUID#randomUUID()}, whose shared {@code SecureRandom} takes a lock and
 * hashes on every call: the id correlates requests, it guards nothing.
 */
public final class RequestIds implements Filter {
    static final HeaderName HEADER = HeaderNames.create("X-Request-Id");
    static final int MAX_LENGTH = 128;

    /**
     * The request id of the calling thread, read where a run is dispatched and set again where it is
     * executed. An id that arrives unsafe (a trigger record written by someone else) is dropped there.
     */
    public static final RequestCorrelation CORRELATION = new RequestCorrelation() {
        @Override
        public String current() {
            return LogContext.current().requestId();
        }

        @Override
        public void within(String requestId, Runnable work) {
            LogContext.withRequest(requestId != null && isSafe(requestId) ? requestId : null, () -> {
                work.run();
                return null;
            });
        }
    };

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = req.headers().first(HEADER).filter(RequestIds::isSafe).orElseGet(RequestIds::newId);
        res.header(HEADER, id);
        LogContext.withRequest(id, () -> {
            chain.proceed();
            return null;
        });
    }

    /** A version-4 UUID's text, from {@link ThreadLocalRandom}. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    static boolean isSafe(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!safe) {
                return false;
            }
        }
        return true;
    }
}
