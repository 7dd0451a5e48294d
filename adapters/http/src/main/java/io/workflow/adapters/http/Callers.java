package io.workflow.adapters.http;

import io.helidon.webserver.http.ServerRequest;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.Scope;

/** The {@link Caller} that {@link ApiAuthentication} put in a request's context, for the route handlers. */
final class Callers {
    private Callers() {
    }

    /** The request's caller, if it holds {@code scope}; a {@link io.workflow.domain.auth.ForbiddenException} naming it otherwise. */
    static Caller require(ServerRequest req, Scope scope) {
        return req.context().get(Caller.class)
                // Only a routing built without HttpApi.configure has no caller: a wiring mistake, never the client's.
                .orElseThrow(() -> new IllegalStateException("no caller in the request context: the API is served without its authentication filter"))
                .require(scope);
    }
}
