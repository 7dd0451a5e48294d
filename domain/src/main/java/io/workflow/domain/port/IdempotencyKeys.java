package io.workflow.domain.port;

import io.workflow.domain.idempotency.ClaimOutcome;
import io.workflow.domain.idempotency.IdempotencyKey;
import io.workflow.domain.idempotency.KeyClaim;
import io.workflow.domain.idempotency.RecordedResponse;

import java.time.Instant;
import java.util.UUID;

/**
 * Where idempotency keys are kept, each with the request it was first used for and, once answered,
 * the answer. Claiming is atomic: of any number of simultaneous claims of one free key exactly one
 * is {@link ClaimOutcome.Acquired}. Every method throws {@link StoreUnavailableException} when the
 * store cannot be reached.
 */
public interface IdempotencyKeys {

    /**
     * Takes the key for {@code claim} when it is unknown, expired, or held by a request with the
     * same fingerprint whose lock ran out; otherwise says what holds it (a different fingerprint is a
     * {@link ClaimOutcome.Mismatch} whatever the key's state).
     */
    ClaimOutcome claim(KeyClaim claim);

    /** Records the answer of the claim with {@code token}; returns false when the key is no longer that claim's. */
    boolean complete(IdempotencyKey key, UUID token, RecordedResponse response);

    /** Frees a key the claim with {@code token} still holds unanswered (its request failed): a repeat may try again. */
    void release(IdempotencyKey key, UUID token);

    /** Deletes up to {@code limit} keys that expired before {@code now}; returns how many. */
    int deleteExpired(Instant now, int limit);
}
