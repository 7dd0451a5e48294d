package io.workflow.application.service;

import io.workflow.application.RunIdempotently;
import io.workflow.domain.idempotency.ClaimOutcome;
import io.workflow.domain.idempotency.KeyClaim;
import io.workflow.domain.idempotency.KeyInUseException;
import io.workflow.domain.idempotency.KeyReusedException;
import io.workflow.domain.idempotency.RecordedResponse;
import io.workflow.domain.port.IdempotencyKeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Idempotency keys over the {@link IdempotencyKeys} store, the way the IETF {@code Idempotency-Key}
 * draft and Stripe describe them: a key is claimed before the work, the answer recorded after it,
 * and kept for {@code retention}. A claim holds the key for {@code lock}: a process that dies
 * mid-request leaves the key held that long, after which a repeat takes it over and does the work.
 */
public final class RunIdempotentlyService implements RunIdempotently {
    private static final Logger LOG = Logger.getLogger(RunIdempotentlyService.class.getName());
    /** Expired keys deleted per statement, so a large backlog never becomes one long transaction. */
    static final int DELETE_BATCH = 1_000;
    /** Batches per sweep at most: a sweep is bounded, the next one continues. */
    private static final int MAX_BATCHES = 100;

    private final IdempotencyKeys keys;
    private final Clock clock;
    private final Duration retention;
    private final Duration lock;

    public RunIdempotentlyService(IdempotencyKeys keys, Clock clock, Duration retention, Duration lock) {
        if (lock.isNegative() || lock.isZero() || retention.compareTo(lock) < 0) {
            throw new IllegalArgumentException("keys must be held a positive time and kept at least that long: lock "
                    + lock + ", retention " + retention);
        }
        this.keys = keys;
        this.clock = clock;
        this.retention = retention;
        this.lock = lock;
    }

    @Override
    public Answer run(Request request, Supplier<RecordedResponse> work) {
        Instant now = clock.instant();
        KeyClaim claim = new KeyClaim(request.key(), request.fingerprint(), UUID.randomUUID(), now, now.plus(lock),
                now.plus(retention));
        return switch (keys.claim(claim)) {
            case ClaimOutcome.Acquired acquired -> new Answer(work(claim, work), false);
            case ClaimOutcome.Completed completed -> new Answer(completed.response(), true);
            case ClaimOutcome.InFlight inFlight -> throw new KeyInUseException(request.key());
            case ClaimOutcome.Mismatch mismatch -> throw new KeyReusedException(request.key());
        };
    }

    /** Deletes the keys past their retention, in bounded batches; returns how many went. */
    public int forgetExpired() {
        Instant now = clock.instant();
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int deleted = keys.deleteExpired(now, DELETE_BATCH);
            total += deleted;
            if (deleted < DELETE_BATCH) {
                break;
            }
        }
        return total;
    }

    private RecordedResponse work(KeyClaim claim, Supplier<RecordedResponse> work) {
        RecordedResponse response;
        try {
            response = work.get();
        } catch (RuntimeException e) {
            release(claim, e);
            throw e;
        }
        if (response.status() >= 500) {
            release(claim, null);
        } else if (!keys.complete(claim.key(), claim.token(), response)) {
            LOG.warning(() -> "the answer to Idempotency-Key '" + claim.key().key() + "' was not kept: its claim had run out"
                    + " and another request had taken the key over");
        }
        return response;
    }

    private void release(KeyClaim claim, RuntimeException cause) {
        try {
            keys.release(claim.key(), claim.token());
        } catch (RuntimeException e) {
            // The key stays held until its lock runs out; a repeat meanwhile is told it is in progress.
            if (cause != null) {
                cause.addSuppressed(e);
            }
            LOG.log(Level.WARNING, "Idempotency-Key '" + claim.key().key() + "' could not be freed after a failed request", e);
        }
    }
}
