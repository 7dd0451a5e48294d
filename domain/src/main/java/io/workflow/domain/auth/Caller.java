package io.workflow.domain.auth;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who sends a request: the tenant whose data it may see and the scopes it holds. {@code keyId} is
 * the API key it authenticated with, null when authentication is off.
 */
public record Caller(String tenant, Set<Scope> scopes, UUID keyId) {
    /** Everyone, when authentication is off: the default tenant with every scope, as the seed's API had. */
    public static final Caller UNAUTHENTICATED = new Caller(Tenants.DEFAULT, Set.of(Scope.values()), null);

    public Caller {
        Objects.requireNonNull(tenant, "tenant");
        scopes = Set.copyOf(scopes);
    }

    /** Whether this caller holds {@code scope}; {@link Scope#ADMIN} holds every one. */
    public boolean has(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    /** Nothing, or a {@link ForbiddenException} naming {@code scope} when this caller lacks it. */
    public Caller require(Scope scope) {
        if (!has(scope)) {
            throw new ForbiddenException(scope);
        }
        return this;
    }
}
