package io.workflow.adapters.steps;

import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;

/**
 * Performs every step type: delays by sleeping, webhooks over HTTP. Owns the webhooks' HTTP client,
 * so whoever creates it closes it at shutdown.
 */
public final class StepExecutors implements StepExecutor, AutoCloseable {
    private final DelayStepExecutor delay = new DelayStepExecutor();
    private final WebhookStepExecutor webhook;

    public StepExecutors(WebhookSettings webhookSettings) {
        this.webhook = new WebhookStepExecutor(webhookSettings);
    }

    /** Performs the step by its type; failures are returned, not thrown. */
    @Override
    public StepOutcome execute(Step step, RunContext context) {
        return switch (step) {
            case DelayStep delayStep -> delay.execute(delayStep);
            case WebhookStep webhookStep -> webhook.execute(webhookStep, context);
        };
    }

    /** Closes the HTTP client, letting calls in flight finish. */
    @Override
    public void close() {
        webhook.close();
    }
}
