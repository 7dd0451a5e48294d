package io.workflow.application.service;

import io.workflow.application.GetWorkflow;
import io.workflow.application.RotateSigningSecret;
import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.workflow.SigningSecrets;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Rotates a workflow's signing secret: the new one signs from now on, the old one beside it for
 * {@code grace}, so a receiver can take the new secret without rejecting calls in between.
 */
public final class RotateSigningSecretService implements RotateSigningSecret {
    private final GetWorkflow workflows;
    private final SigningSecretRepository secrets;
    private final Clock clock;
    private final Duration grace;
    private final SecureRandom random;

    public RotateSigningSecretService(GetWorkflow workflows, SigningSecretRepository secrets, Clock clock, Duration grace,
                                      SecureRandom random) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the rotation grace period cannot be negative, was " + grace);
        }
        this.workflows = workflows;
        this.secrets = secrets;
        this.clock = clock;
        this.grace = grace;
        this.random = random;
    }

    @Override
    public Rotated rotate(UUID workflowId) {
        workflows.get(workflowId);
        Instant now = clock.instant();
        SigningSecrets rotated = secrets.find(workflowId)
                .map(old -> grace.isZero() ? SigningSecrets.first(random) : old.rotated(random, now.plus(grace)))
                .orElseGet(() -> SigningSecrets.first(random));
        secrets.save(workflowId, rotated);
        return new Rotated(workflowId, rotated.current(), rotated.previousUntil());
    }
}
