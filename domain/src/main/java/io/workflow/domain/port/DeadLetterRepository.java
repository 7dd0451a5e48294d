package io.workflow.domain.port;

import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where dead letters are kept. Every method throws {@link StoreUnavailableException} when the store
 * cannot be reached.
 */
public interface DeadLetterRepository extends DeadLetterRecorder {

    /** The letter with this id, if any. */
    Optional<DeadLetter> findById(UUID id);

    /**
     * A page of the letters {@code tenant} may see ({@link DeadLetter#visibleTo}), newest first
     * (recording time, then id, both descending). The page's byte budget is not applied: a letter's
     * payload is bounded by {@link DeadLetter#MAX_PAYLOAD_BYTES}.
     */
    Page<DeadLetter> list(PageRequest page, String tenant);

    /** Marks the letter redriven at {@code at} unless it already is; returns whether this call did. */
    boolean markRedriven(UUID id, Instant at);

    /** Removes the letter; returns whether there was one. */
    boolean delete(UUID id);
}
