package io.workflow.application.service;

import io.workflow.adapters.memory.InMemoryIdempotencyKeys;
import io.workflow.application.RunIdempotently;
import io.workflow.application.RunIdempotently.Answer;
import io.workflow.application.RunIdempotently.Request;
import io.workflow.application.TriggerRun;
import io.workflow.domain.idempotency.IdempotencyKey;
import io.workflow.domain.idempotency.KeyInUseException;
import io.workflow.domain.idempotency.KeyReusedException;
import io.workflow.domain.idempotency.RecordedResponse;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunIdempotentlyTest {
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Duration LOCK = Duration.ofSeconds(120);
    private static final IdempotencyKey KEY = new IdempotencyKey("default", "key-1");

    private final MemoryWiring wiring = new MemoryWiring();
    private final InMemoryIdempotencyKeys keys = new InMemoryIdempotencyKeys();
    private final RunIdempotentlyService idempotently = new RunIdempotentlyService(keys, wiring.clock, RETENTION, LOCK);
    private final List<Run> dispatched = new CopyOnWriteArrayList<>();
    private final TriggerRun trigger = wiring.triggerRun(dispatched::add);

    private RecordedResponse triggerAnswer(Workflow workflow) {
        Run run = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of("user_id", 1)));
        return new RecordedResponse(200, Map.of("Location", "/api/v1/runs/" + run.id()), "{\"run_id\":\"" + run.id() + "\"}");
    }

    @Test
    void repeatedRequest_getsTheFirstAnswer_andStartsNoSecondRun() {
        Workflow workflow = wiring.workflowOfDelays("wait");

        Answer first = idempotently.run(new Request(KEY, "fp"), () -> triggerAnswer(workflow));
        Answer again = idempotently.run(new Request(KEY, "fp"), () -> triggerAnswer(workflow));

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.response()).isEqualTo(first.response());
        assertThat(wiring.storedRuns()).hasSize(1);
        assertThat(dispatched).hasSize(1);
    }

    @Test
    void sameKeyForAnotherRequest_isRefused_andDoesNoWork() {
        Workflow workflow = wiring.workflowOfDelays("wait");
        idempotently.run(new Request(KEY, "fp"), () -> triggerAnswer(workflow));

        assertThatThrownBy(() -> idempotently.run(new Request(KEY, "other"), () -> triggerAnswer(workflow)))
                .isInstanceOf(KeyReusedException.class)
                .hasMessageContaining("key-1");
        assertThat(wiring.storedRuns()).hasSize(1);
    }

    @Test
    void repeatWhileTheFirstIsInProgress_isRefusedAsInUse() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread first = Thread.ofVirtual().start(() -> idempotently.run(new Request(KEY, "fp"), () -> {
            working.countDown();
            await(finish);
            return new RecordedResponse(200, Map.of(), "{}");
        }));
        working.await();

        assertThatThrownBy(() -> idempotently.run(new Request(KEY, "fp"), () -> new RecordedResponse(200, Map.of(), "{}")))
                .isInstanceOf(KeyInUseException.class);
        finish.countDown();
        first.join();
        assertThat(idempotently.run(new Request(KEY, "fp"), () -> new RecordedResponse(201, Map.of(), "no")).replayed()).isTrue();
    }

    @Test
    void failedWork_andServerErrors_areNotKept_soARepeatTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> idempotently.run(new Request(KEY, "fp"), () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        Answer unavailable = idempotently.run(new Request(KEY, "fp"), () -> {
            calls.incrementAndGet();
            return new RecordedResponse(503, Map.of(), "{}");
        });
        Answer ok = idempotently.run(new Request(KEY, "fp"), () -> {
            calls.incrementAndGet();
            return new RecordedResponse(200, Map.of(), "{}");
        });

        assertThat(unavailable.replayed()).isFalse();
        assertThat(ok.replayed()).isFalse();
        assertThat(calls).hasValue(3);
    }

    @Test
    void keysAreForgottenAfterTheirRetention_andTheCleanupDeletesThem() {
        idempotently.run(new Request(KEY, "fp"), () -> new RecordedResponse(200, Map.of(), "first"));
        wiring.clock.advance(RETENTION.minusSeconds(1));
        assertThat(idempotently.forgetExpired()).isZero();
        assertThat(idempotently.run(new Request(KEY, "fp"), () -> new RecordedResponse(200, Map.of(), "second"))
                .response().body()).isEqualTo("first");

        wiring.clock.advance(Duration.ofSeconds(2));
        assertThat(idempotently.forgetExpired()).isEqualTo(1);
        assertThat(idempotently.run(new Request(KEY, "fp"), () -> new RecordedResponse(200, Map.of(), "second"))
                .response().body()).isEqualTo("second");
    }

    @Test
    void keysOfOtherScopes_doNotMeet() {
        RunIdempotently run = idempotently;
        run.run(new Request(new IdempotencyKey("tenant-a", "k"), "fp-a"), () -> new RecordedResponse(200, Map.of(), "a"));

        Answer b = run.run(new Request(new IdempotencyKey("tenant-b", "k"), "fp-b"), () -> new RecordedResponse(200, Map.of(), "b"));

        assertThat(b.replayed()).isFalse();
        assertThat(b.response().body()).isEqualTo("b");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
