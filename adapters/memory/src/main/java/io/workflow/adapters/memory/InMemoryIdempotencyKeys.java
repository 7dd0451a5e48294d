package io.workflow.adapters.memory;

import io.workflow.domain.idempotency.ClaimOutcome;
import io.workflow.domain.idempotency.IdempotencyKey;
import io.workflow.domain.idempotency.KeyClaim;
import io.workflow.domain.idempotency.RecordedResponse;
import io.workflow.domain.port.IdempotencyKeys;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Idempotency keys in a concurrent map; each key changes inside one atomic {@code compute}. */
public final class InMemoryIdempotencyKeys implements IdempotencyKeys {
    private final Map<IdempotencyKey, Entry> entries = new ConcurrentHashMap<>();

    /** {@code response} is null while the key's request is in flight. */
    private record Entry(String fingerprint, UUID token, Instant lockedUntil, Instant expiresAt, RecordedResponse response) {
    }

    @Override
    public ClaimOutcome claim(KeyClaim claim) {
        AtomicReference<ClaimOutcome> outcome = new AtomicReference<>();
        entries.compute(claim.key(), (key, entry) -> {
            if (entry == null || !entry.expiresAt().isAfter(claim.at())
                    || (entry.response() == null && entry.fingerprint().equals(claim.fingerprint())
                    && !entry.lockedUntil().isAfter(claim.at()))) {
                outcome.set(new ClaimOutcome.Acquired());
                return new Entry(claim.fingerprint(), claim.token(), claim.lockedUntil(), claim.expiresAt(), null);
            }
            if (!entry.fingerprint().equals(claim.fingerprint())) {
                outcome.set(new ClaimOutcome.Mismatch());
            } else if (entry.response() == null) {
                outcome.set(new ClaimOutcome.InFlight());
            } else {
                outcome.set(new ClaimOutcome.Completed(entry.response()));
            }
            return entry;
        });
        return outcome.get();
    }

    @Override
    public boolean complete(IdempotencyKey key, UUID token, RecordedResponse response) {
        AtomicBoolean done = new AtomicBoolean();
        entries.computeIfPresent(key, (k, entry) -> {
            if (!entry.token().equals(token) || entry.response() != null) {
                return entry;
            }
            done.set(true);
            return new Entry(entry.fingerprint(), token, entry.lockedUntil(), entry.expiresAt(), response);
        });
        return done.get();
    }

    @Override
    public void release(IdempotencyKey key, UUID token) {
        entries.computeIfPresent(key, (k, entry) -> entry.token().equals(token) && entry.response() == null ? null : entry);
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        AtomicInteger deleted = new AtomicInteger();
        for (IdempotencyKey key : entries.keySet()) {
            if (deleted.get() >= limit) {
                break;
            }
            entries.computeIfPresent(key, (k, entry) -> {
                if (entry.expiresAt().isAfter(now)) {
                    return entry;
                }
                deleted.incrementAndGet();
                return null;
            });
        }
        return deleted.get();
    }
}
