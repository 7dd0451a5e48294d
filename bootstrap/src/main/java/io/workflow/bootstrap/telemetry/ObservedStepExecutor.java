package io.workflow.bootstrap.telemetry;

import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The step executor, measured and traced from the outside. Each call is one attempt of a step: a
 * webhook call is counted by outcome ({@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx},
 * {@code timeout}, {@code connect_error}, {@code not_sent}, {@code interrupted}) with its duration,
 * and an attempt that got no answer in time counts as a step time-out of its type. A webhook of a
 * run (the run id comes from {@link LogContext}, set where the worker takes the run) carries a W3C
 * {@code traceparent} whose trace id is the run's, unless the workflow set that header itself.
 */
public final class ObservedStepExecutor implements StepExecutor {
    static final String WEBHOOK_CALLS = "workflow_webhook_calls";
    static final String WEBHOOK_DURATION = "workflow_webhook_call_duration";
    static final String STEP_TIMEOUTS = "workflow_step_timeouts";
    static final List<String> OUTCOMES = List.of("2xx", "3xx", "4xx", "5xx", "timeout", "connect_error", "not_sent", "interrupted");
    private static final String CALLS_HELP = "Webhook calls, by outcome";
    private static final String TIMEOUTS_HELP = "Step attempts that timed out, by step type";

    private final StepExecutor steps;
    private final Meters meters;

    /** {@code meters} null: trace headers only. */
    ObservedStepExecutor(StepExecutor steps, Meters meters) {
        this.steps = steps;
        this.meters = meters;
        if (meters != null) {
            // Exported at zero from the start, so a rate over them is defined before the first event.
            for (String outcome : OUTCOMES) {
                meters.counter(WEBHOOK_CALLS, CALLS_HELP, "outcome", outcome);
            }
            for (String type : StepTypes.NAMES) {
                meters.counter(STEP_TIMEOUTS, TIMEOUTS_HELP, "type", type);
            }
        }
    }

    @Override
    public StepOutcome execute(Step step, RunContext context) {
        return execute(step, context, null);
    }

    /** Passes the call on as it came (its identity signs the webhook request), with the trace added. */
    @Override
    public StepOutcome execute(Step step, RunContext context, Call call) {
        if (!(step instanceof WebhookStep webhook)) {
            StepOutcome outcome = steps.execute(step, context, call);
            countTimeout(step, outcome);
            return outcome;
        }
        if (meters == null) {
            return steps.execute(traced(webhook), context, call);
        }
        long start = System.nanoTime();
        StepOutcome outcome = steps.execute(traced(webhook), context, call);
        long elapsed = System.nanoTime() - start;
        String result = outcome(outcome);
        meters.counter(WEBHOOK_CALLS, CALLS_HELP, "outcome", result).increment();
        meters.timer(WEBHOOK_DURATION, "Webhook call durations, by outcome", Meters.FAST, "outcome", result)
                .record(elapsed, TimeUnit.NANOSECONDS);
        countTimeout(step, outcome);
        return outcome;
    }

    private void countTimeout(Step step, StepOutcome outcome) {
        if (meters != null && outcome instanceof StepOutcome.Failed failed && failed.failure() == RetryPolicy.Failure.TIMEOUT
                && statusCode(failed.output()) == 0) {
            meters.counter(STEP_TIMEOUTS, TIMEOUTS_HELP, "type", StepTypes.name(step)).increment();
        }
    }

    private static WebhookStep traced(WebhookStep step) {
        UUID runId = LogContext.current().runId();
        if (runId == null || step.headers().keySet().stream().anyMatch(Traceparent.HEADER::equalsIgnoreCase)) {
            return step;
        }
        Map<String, String> headers = new HashMap<>(step.headers());
        headers.put(Traceparent.HEADER, Traceparent.forCall(runId));
        return step.withHeaders(headers);
    }

    /** The outcome label of a webhook call: the class of its answer, or why there was none. */
    static String outcome(StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Succeeded succeeded -> statusClass(statusCode(succeeded.output()), "2xx");
            case StepOutcome.Failed failed -> {
                int status = statusCode(failed.output());
                if (status != 0) {
                    yield statusClass(status, "other");
                }
                if (failed.failure() == RetryPolicy.Failure.TIMEOUT) {
                    yield "timeout";
                }
                if (failed.failure() == RetryPolicy.Failure.CONNECT) {
                    yield "connect_error";
                }
                yield "interrupted".equals(failed.error()) ? "interrupted" : "not_sent";
            }
        };
    }

    private static String statusClass(int status, String otherwise) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : otherwise;
    }

    private static int statusCode(Object output) {
        return output instanceof Map<?, ?> map && map.get("status_code") instanceof Integer code ? code : 0;
    }
}
