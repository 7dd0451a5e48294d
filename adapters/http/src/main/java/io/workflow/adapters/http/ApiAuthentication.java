package io.workflow.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.workflow.application.AuthenticateCaller;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.UnauthenticatedException;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells who sends each request under {@code /api/v1}, once, and puts the {@link Caller} in the
 * request's context for the handlers ({@link Callers}), which check the scope their route needs.
 * With authentication off every request is {@link Caller#UNAUTHENTICATED}. Then each key's
 * {@link KeyRateLimit rate limit} applies.
 * <p>
 * It runs after {@link ApiConcurrencyLimit}: a key the replica has not seen lately costs a query,
 * and the permits are what keeps queries from piling onto the database's connections; a burst of
 * wrong keys then waits its turn like any other request instead of starving the pool.
 */
final class ApiAuthentication implements Filter {
    private static final String SCHEME = "bearer ";
    private static final String CHALLENGE = "Bearer realm=\"workflow-automation\"";

    private final boolean required;
    private final AuthenticateCaller authenticate;
    private final KeyRateLimit limit;
    private final KeyRateLimit.Buckets buckets;

    ApiAuthentication(boolean required, AuthenticateCaller authenticate, KeyRateLimit limit) {
        this.required = required;
        this.authenticate = authenticate;
        this.limit = limit;
        this.buckets = limit.buckets();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.prologue().uriPath().path().startsWith(HttpApi.PREFIX)) {
            chain.proceed();
            return;
        }
        Caller caller = Caller.UNAUTHENTICATED;
        if (required) {
            Optional<String> key = bearerKey(req);
            if (key.isEmpty()) {
                res.header(HeaderNames.WWW_AUTHENTICATE, CHALLENGE);
                ProblemResponses.send(res, Problem.unauthenticated(
                        "this API needs an API key: send it as 'Authorization: Bearer <key>'"));
                return;
            }
            try {
                caller = authenticate.authenticate(key.get());
            } catch (UnauthenticatedException e) {
                res.header(HeaderNames.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\"");
                ProblemResponses.send(res, Problem.unauthenticated(e.getMessage()));
                return;
            }
            if (!limit.isOff()) {
                Duration wait = buckets.take(caller.keyId(), System.nanoTime());
                if (!wait.isZero()) {
                    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                    res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
                    ProblemResponses.send(res, Problem.tooManyRequests(limit));
                    return;
                }
            }
        }
        req.context().register(caller);
        chain.proceed();
    }

    /** The key of an {@code Authorization: Bearer <key>} header (the scheme in any case), if there is one. */
    private static Optional<String> bearerKey(RoutingRequest req) {
        return req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.length() > SCHEME.length()
                        && value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME))
                .map(value -> value.substring(SCHEME.length()).trim())
                .filter(key -> !key.isEmpty());
    }
}
