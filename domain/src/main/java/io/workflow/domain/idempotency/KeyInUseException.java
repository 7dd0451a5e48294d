package io.workflow.domain.idempotency;

/** A request came with a key whose first request, the same one, is still being worked on: try again shortly. */
public final class KeyInUseException extends RuntimeException {
    public KeyInUseException(IdempotencyKey key) {
        super("a request with Idempotency-Key '" + key.key() + "' is still in progress; repeat it once that one has been answered",
                null, false, false);
    }
}
