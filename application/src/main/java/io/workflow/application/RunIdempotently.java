package io.workflow.application;

import io.workflow.domain.idempotency.IdempotencyKey;
import io.workflow.domain.idempotency.RecordedResponse;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Does a request's work at most once per idempotency key: the first request with a key does it
 * and its answer is kept; a repeat (same key, same request) gets that answer without the work being
 * done again. A repeat while the first is in progress throws
 * {@link io.workflow.domain.idempotency.KeyInUseException}; the key used for a different request
 * throws {@link io.workflow.domain.idempotency.KeyReusedException}.
 */
@FunctionalInterface
public interface RunIdempotently {

    /** A request under a key; {@code fingerprint} is equal for equal requests (method, path, body) and only for them. */
    record Request(IdempotencyKey key, String fingerprint) {
        public Request {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /** The answer to give, and whether it is a replay of an earlier one. */
    record Answer(RecordedResponse response, boolean replayed) {
    }

    /**
     * Does {@code work} unless the request was answered already. An answer of 5xx, or work that
     * throws, is not kept: the key is freed so a repeat may try again (nothing was done, or what was
     * done is the work's to undo, as a trigger marks a run it could not dispatch failed).
     */
    Answer run(Request request, Supplier<RecordedResponse> work);
}
