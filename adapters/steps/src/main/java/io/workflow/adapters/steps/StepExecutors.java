package io.workflow.adapters.steps;

import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.SigningSecrets;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Performs every step type: delays by sleeping, webhooks over HTTP. Owns the webhooks' HTTP client,
 * so whoever creates it closes it at shutdown.
 */
public final class StepExecutors implements StepExecutor, AutoCloseable {
    private static final SigningSecretRepository NO_SECRETS = new SigningSecretRepository() {
        @Override
        public void save(UUID workflowId, SigningSecrets secrets) {
            throw new UnsupportedOperationException("step executors only read secrets");
        }

        @Override
        public Optional<SigningSecrets> find(UUID workflowId) {
            return Optional.empty();
        }
    };

    private final DelayStepExecutor delay = new DelayStepExecutor();
    private final WebhookStepExecutor webhook;

    /** {@code signingSecrets}: whose secrets sign each workflow's webhook calls. */
    public StepExecutors(WebhookSettings webhookSettings, SigningSecretRepository signingSecrets, Clock clock) {
        this.webhook = new WebhookStepExecutor(webhookSettings, signingSecrets, clock);
    }

    /** Webhook calls unsigned: no workflow has a secret. */
    public StepExecutors(WebhookSettings webhookSettings) {
        this(webhookSettings, NO_SECRETS, Clock.systemUTC());
    }

    /** Performs the step by its type; failures are returned, not thrown. */
    @Override
    public StepOutcome execute(Step step, RunContext context) {
        return execute(step, context, null);
    }

    /** Performs the step of a run; a webhook call carries the run's identity and its workflow's signature. */
    @Override
    public StepOutcome execute(Step step, RunContext context, Call call) {
        return switch (step) {
            case DelayStep delayStep -> delay.execute(delayStep);
            case WebhookStep webhookStep -> webhook.execute(webhookStep, context, call);
        };
    }

    /** Closes the HTTP client, letting calls in flight finish. */
    @Override
    public void close() {
        webhook.close();
    }
}
