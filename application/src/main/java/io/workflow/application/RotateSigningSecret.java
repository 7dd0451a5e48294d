package io.workflow.application;

import java.time.Instant;
import java.util.UUID;

/** Gives a workflow a new webhook signing secret. */
@FunctionalInterface
public interface RotateSigningSecret {

    /** The new secret, shown this once, and until when the previous one keeps signing beside it (null when there was none). */
    record Rotated(UUID workflowId, String signingSecret, Instant previousValidUntil) {
    }

    /** Rotates the workflow's secret; {@link io.workflow.domain.NotFoundException} for an unknown workflow. */
    Rotated rotate(UUID workflowId);
}
