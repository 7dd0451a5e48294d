package io.workflow.domain.port.contract;

import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sample workflows and runs for the port contracts. Times are whole microseconds, as stores keep them. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public static Workflow workflow() {
        Instant now = now();
        return new Workflow(TimeOrderedIds.next(now), "client-label", "onboarding", "sends a welcome call",
                List.of(new DelayStep("wait", Duration.ofMillis(1500)),
                        new WebhookStep("notify", "http://127.0.0.1:9/hook/${payload.user_id}", "POST",
                                Map.of("X-User", "${payload.user_id}"), Map.of("user", "${payload.user_id}", "n", List.of(1, 2)),
                                null, Duration.ofMillis(2500))),
                now, new RetryPolicy(3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), 0.2, null), Duration.ofMinutes(10));
    }

    public static Run pendingRun(UUID workflowId, Instant createdAt) {
        return Run.pending(TimeOrderedIds.next(createdAt), workflowId, Map.of("user_id", 42, "name", "Ada"), createdAt);
    }
}
