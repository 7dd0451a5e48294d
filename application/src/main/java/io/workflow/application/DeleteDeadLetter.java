package io.workflow.application;

import java.util.UUID;

/** Discards a dead letter an operator has dealt with. */
@FunctionalInterface
public interface DeleteDeadLetter {

    /** Removes the letter; {@link io.workflow.domain.NotFoundException} for one {@code tenant} cannot see. */
    void delete(UUID id, String tenant);
}
