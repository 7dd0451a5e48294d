package io.workflow.domain.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as it is kept: never the key itself, only {@code hash}, a digest of the whole key
 * (hexadecimal), by which it is found. {@code revokedAt} is set once the key may no longer be used.
 */
public record ApiKey(UUID id, String tenant, Set<Scope> scopes, String name, String hash, Instant createdAt,
                     Instant revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Tenants.check(tenant, "tenant");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
        scopes = Set.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        name = name == null ? "" : name;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** The caller this key makes of whoever presents it. */
    public Caller caller() {
        return new Caller(tenant, scopes, id);
    }
}
