package io.workflow.bootstrap.telemetry;

import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The traced call is the step's own call, its header added: nothing else of the step is lost on the way. */
class ObservedStepExecutorTest {

    @Test
    void aRunsWebhook_getsItsTraceparent_andKeepsItsTimeoutAndRetryPolicy() {
        AtomicReference<Step> performed = new AtomicReference<>();
        ObservedStepExecutor steps = new ObservedStepExecutor((step, context) -> {
            performed.set(step);
            return new StepOutcome.Succeeded(Map.of("status_code", 200));
        }, null);
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.0, RetryPolicy.DEFAULT_RETRY_ON);
        WebhookStep step = new WebhookStep("notify", "http://127.0.0.2:9/hook", "POST", Map.of("X-Team", "ops"), null,
                retry, Duration.ofSeconds(1));
        UUID runId = UUID.randomUUID();

        LogContext.withRun(runId, UUID.randomUUID(), () -> steps.execute(step, RunContext.of(Map.of(), Map.of())));

        WebhookStep sent = (WebhookStep) performed.get();
        assertThat(sent.headers()).containsEntry("X-Team", "ops").containsKey(Traceparent.HEADER);
        assertThat(sent.headers().get(Traceparent.HEADER)).contains(runId.toString().replace("-", ""));
        assertThat(sent.withHeaders(step.headers())).as("the step, but for the header").isEqualTo(step);
    }
}
