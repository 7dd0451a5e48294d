package io.workflow.bootstrap.telemetry;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into {@code workflow_http_request_duration_seconds{method, route, status}}.
 * The route is the template the request matched ({@code /api/v1/runs/{run_id}}), never its path,
 * and {@code unmatched} when none did; methods outside HTTP's standard ones count as {@code OTHER}:
 * every label comes from a small fixed set whatever clients send. It runs outside the API's
 * concurrency limit, so the time includes waiting for a permit, and 503s of a full queue count.
 */
public final class HttpRequestMetrics implements Filter {
    static final String DURATION = "workflow_http_request_duration";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

    private final Meters meters;

    HttpRequestMetrics(Meters meters) {
        this.meters = meters;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            String method = req.prologue().method().text();
            meters.timer(DURATION, "HTTP request durations, by method, route template and status", Meters.FAST,
                            "method", METHODS.contains(method) ? method : "OTHER",
                            "route", route(req.matchingPattern().orElse(null)),
                            "status", Integer.toString(res.status().code()))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The route template as a person writes it: Helidon's optional trailing slash ({@code [/]}) left out. */
    static String route(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return "unmatched";
        }
        String route = pattern.endsWith("[/]") ? pattern.substring(0, pattern.length() - 3) : pattern;
        return route.isEmpty() ? "/" : route;
    }
}
