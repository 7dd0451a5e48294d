package io.workflow.bootstrap.telemetry;

import io.workflow.adapters.memory.InProcessRunDispatcher;
import io.workflow.application.ExecuteRun.Outcome;
import io.workflow.domain.run.Run;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The log fields a run's lines carry on the worker: the dispatching request's id, the run's ids. */
class RunLogContextTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aRunDispatchedInProcess_executesWithTheRequestIdOfTheRequestThatDispatchedIt_andItsRunFields() throws Exception {
        Run run = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), NOW);
        CompletableFuture<LogContext.Fields> seen = new CompletableFuture<>();
        RunExecutionContext execution = new RunExecutionContext(runId ->
                RunExecutionContext.SCOPE.within(run, () -> {
                    seen.complete(LogContext.current());
                    return Outcome.EXECUTED;
                }));
        try (InProcessRunDispatcher dispatcher = new InProcessRunDispatcher(1, RequestIds.CORRELATION)) {
            dispatcher.start(execution::execute);

            LogContext.withRequest("trigger-req-1", () -> {
                dispatcher.dispatch(run);
                return null;
            });

            assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(new LogContext.Fields("trigger-req-1", run.id(), run.workflowId()));
        }
        assertThat(LogContext.current()).as("nothing left behind on the dispatching thread").isEqualTo(new LogContext.Fields(null, null, null));
    }

    @Test
    void aRunTakenUpWithoutARequest_aDueTimerSay_carriesItsRunFields_andNoRequestId() {
        Run run = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), NOW);
        LogContext.Fields[] seen = new LogContext.Fields[1];

        RunExecutionContext.SCOPE.within(run, () -> {
            seen[0] = LogContext.current();
            return Outcome.EXECUTED;
        });

        assertThat(seen[0]).isEqualTo(new LogContext.Fields(null, run.id(), run.workflowId()));
    }

    @Test
    void aRequestIdThatArrivesUnsafe_isDropped_whereTheRunExecutes() {
        String[] seen = new String[2];

        RequestIds.CORRELATION.within("spoofed\nline", () -> seen[0] = String.valueOf(LogContext.current().requestId()));
        RequestIds.CORRELATION.within("fine-id.1", () -> seen[1] = LogContext.current().requestId());

        assertThat(seen).containsExactly("null", "fine-id.1");
        assertThat(LogContext.current().requestId()).isNull();
    }
}
