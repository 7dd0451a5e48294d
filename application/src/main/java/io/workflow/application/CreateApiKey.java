package io.workflow.application;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.auth.ApiKey;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.auth.Tenants;

import java.util.Set;

/** Issues an API key. */
@FunctionalInterface
public interface CreateApiKey {
    int MAX_NAME_LENGTH = 200;

    /** A key to issue: its tenant, its scopes (at least one) and a name for people (may be empty). */
    record Command(String tenant, Set<Scope> scopes, String name) {
        public Command {
            Tenants.check(tenant, "tenant");
            if (scopes == null || scopes.isEmpty()) {
                throw new InvalidInputException("scopes", "must name at least one scope");
            }
            scopes = Set.copyOf(scopes);
            name = name == null ? "" : name;
            if (name.length() > MAX_NAME_LENGTH) {
                throw new InvalidInputException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
            }
        }
    }

    /** The key as stored, and {@code secret}, the key itself: the only time anyone sees it. */
    record Issued(ApiKey key, String secret) {
    }

    /** Makes a random key, stores its hash, and returns it once. */
    Issued create(Command command);
}
