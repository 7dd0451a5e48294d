package io.workflow.application.service;

import io.workflow.application.AuthenticateCaller;
import io.workflow.domain.auth.ApiKey;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.UnauthenticatedException;
import io.workflow.domain.port.ApiKeyRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the key a caller presents by the SHA-256 of the whole key, and remembers a live key for
 * {@code cacheFor} so that most requests cost no query. That lifetime bounds how long a revoked
 * key still works on a replica that saw it just before; it must stay below the five seconds the
 * API promises. Only live keys are remembered: a wrong key costs a hash and an indexed lookup,
 * the same as an unknown one, and what the answer says never tells the two apart.
 */
public final class AuthenticateCallerService implements AuthenticateCaller {
    private static final String REFUSED = "the API key is missing, unknown or revoked";

    private final ApiKeyRepository keys;
    private final Clock clock;
    private final Duration cacheFor;
    private final int maxCached;
    private final Map<String, Remembered> cache = new ConcurrentHashMap<>();

    public AuthenticateCallerService(ApiKeyRepository keys, Clock clock, Duration cacheFor, int maxCached) {
        if (cacheFor.isNegative() || maxCached < 1) {
            throw new IllegalArgumentException("key cache: lifetime must not be negative and size at least 1");
        }
        this.keys = keys;
        this.clock = clock;
        this.cacheFor = cacheFor;
        this.maxCached = maxCached;
    }

    @Override
    public Caller authenticate(String key) {
        if (key == null || key.isEmpty() || key.length() > ApiKeySecrets.MAX_KEY_LENGTH) {
            // Still a hash and a lookup: a malformed key takes as long to refuse as a well-formed wrong one.
            lookUp(ApiKeySecrets.hash(key == null ? "" : key.substring(0, Math.min(key.length(), ApiKeySecrets.MAX_KEY_LENGTH))));
            throw new UnauthenticatedException(REFUSED);
        }
        String hash = ApiKeySecrets.hash(key);
        Instant now = clock.instant();
        Remembered remembered = cache.get(hash);
        if (remembered != null && remembered.until().isAfter(now)) {
            return remembered.caller();
        }
        ApiKey found = lookUp(hash).orElseThrow(() -> new UnauthenticatedException(REFUSED));
        if (cacheFor.isPositive()) {
            if (cache.size() >= maxCached) {
                cache.clear(); // crude, and rare: the next requests of each key fill it again
            }
            cache.put(hash, new Remembered(found.caller(), now.plus(cacheFor)));
        }
        return found.caller();
    }

    /** The live key whose stored digest equals {@code hash}, compared in constant time. */
    private Optional<ApiKey> lookUp(String hash) {
        Optional<ApiKey> found = keys.findByHash(hash);
        boolean matches = found.isPresent() && ApiKeySecrets.sameHash(found.get().hash(), hash);
        return matches && !found.get().isRevoked() ? found : Optional.empty();
    }

    private record Remembered(Caller caller, Instant until) {
    }
}
