package io.workflow.domain.idempotency;

import io.workflow.domain.InvalidInputException;

import java.util.Objects;

/**
 * A client's {@code Idempotency-Key} within the scope it belongs to (the caller: its tenant once
 * there are tenants). Two callers may use the same key without meeting. A key is 1 to
 * {@link #MAX_LENGTH} visible ASCII characters, so it can be stored and logged as it came.
 */
public record IdempotencyKey(String scope, String key) {
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(scope, "scope");
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH
                || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidInputException("Idempotency-Key",
                    "must be 1-" + MAX_LENGTH + " visible ASCII characters (a UUID, say)");
        }
    }
}
