package io.workflow.application;

import io.workflow.domain.deadletter.DeadLetter;

import java.util.UUID;

/** Sends a dead letter's event through again, once what made it fail is mended. */
@FunctionalInterface
public interface RedriveDeadLetter {

    /**
     * Reads the letter's event again; when it now names a run that can be loaded, hands that run to the
     * workers and returns the letter marked redriven. {@link io.workflow.domain.NotFoundException} for
     * a letter {@code tenant} cannot see; {@link io.workflow.domain.deadletter.RedriveRefusedException},
     * with nothing changed, when the event is still unreadable, its run still cannot be loaded, or the
     * letter was redriven already.
     */
    DeadLetter redrive(UUID id, String tenant);
}
