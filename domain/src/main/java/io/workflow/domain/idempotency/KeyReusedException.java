package io.workflow.domain.idempotency;

/** A key that was first used for a different request (another method, path or body): a client mistake. */
public final class KeyReusedException extends RuntimeException {
    public KeyReusedException(IdempotencyKey key) {
        super("Idempotency-Key '" + key.key() + "' was already used for a different request; use a new key for a new request",
                null, false, false);
    }
}
