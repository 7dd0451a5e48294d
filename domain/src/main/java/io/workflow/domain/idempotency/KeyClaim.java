package io.workflow.domain.idempotency;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One request's attempt to take a key: what the request was ({@code fingerprint}, the same for the
 * same method, path and body), a {@code token} only this attempt knows (so a retried statement
 * recognises its own claim and a late holder cannot finish someone else's), when it was made, until
 * when the key is held while the request is worked on ({@code lockedUntil}: past it, a holder is
 * presumed dead and a repeat may take over), and when the key is forgotten ({@code expiresAt}).
 */
public record KeyClaim(IdempotencyKey key, String fingerprint, UUID token, Instant at, Instant lockedUntil,
                       Instant expiresAt) {
    public KeyClaim {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(at, "at");
        if (!lockedUntil.isAfter(at) || expiresAt.isBefore(lockedUntil)) {
            throw new IllegalArgumentException("a claim is held after it is made and forgotten after it is held: "
                    + at + ", " + lockedUntil + ", " + expiresAt);
        }
    }
}
