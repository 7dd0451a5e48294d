package io.workflow.application.service;

import io.workflow.adapters.memory.InMemoryDeadLetterRepository;
import io.workflow.adapters.memory.InProcessRunDispatcher;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.deadletter.RedriveRefusedException;
import io.workflow.domain.deadletter.UnreadableEventException;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.port.TriggerEventReader;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Listing, redriving and deleting dead letters over the memory adapters, runs executed in-process. */
class DeadLetterServiceTest {
    /** Reads an event whose whole text is a run id; anything else is unreadable. */
    private static final TriggerEventReader READER = payload -> {
        try {
            return UUID.fromString(payload.trim());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("not a run id: " + payload);
        }
    };

    private final MemoryWiring wiring = new MemoryWiring();
    private final InMemoryDeadLetterRepository letters = new InMemoryDeadLetterRepository();
    private final CountDownLatch completed = new CountDownLatch(1);
    private final InProcessRunDispatcher dispatcher = new InProcessRunDispatcher(2);
    private long offsets;
    private final DeadLetterService service = new DeadLetterService(letters, READER, wiring.runs, dispatcher, wiring.clock);

    DeadLetterServiceTest() {
        dispatcher.start(wiring.executeRun((step, context) -> new StepOutcome.Succeeded(Map.of()),
                run -> completed.countDown())::execute);
    }

    @AfterEach
    void closeDispatcher() {
        dispatcher.close();
    }

    private DeadLetter recorded(String payload, String tenant) {
        DeadLetter base = DeadLetter.of(TimeOrderedIds.next(wiring.clock.instant()), "workflow.trigger", 0,
                offsets++, null,
                payload.getBytes(StandardCharsets.UTF_8), "run cannot be loaded", null, wiring.clock.instant());
        DeadLetter letter = new DeadLetter(base.id(), base.source(), base.partition(), base.offset(), base.key(),
                base.payload(), base.truncated(), base.reason(), base.runId(), tenant, base.recordedAt(), null);
        letters.record(letter);
        return letter;
    }

    @Test
    void givenARunThatCannotBeLoaded_redrive_isRefusedAndChangesNothing_untilTheRunExists_thenItRunsToSuccess() throws Exception {
        Workflow workflow = wiring.workflowOfDelays("only");
        UUID runId = TimeOrderedIds.next(wiring.clock.instant());
        DeadLetter letter = recorded(runId.toString(), null);

        assertThatThrownBy(() -> service.redrive(letter.id(), Tenants.DEFAULT))
                .isInstanceOfSatisfying(RedriveRefusedException.class,
                        e -> assertThat(e.why()).isEqualTo(RedriveRefusedException.Why.RUN_NOT_LOADABLE));
        assertThat(letters.findById(letter.id())).contains(letter);

        wiring.runs.insert(Run.pending(runId, workflow.uuid(), Map.of("n", 1), wiring.clock.instant()));
        wiring.clock.advance(Duration.ofSeconds(1));
        DeadLetter redriven = service.redrive(letter.id(), Tenants.DEFAULT);

        assertThat(redriven.redrivenAt()).isEqualTo(wiring.clock.instant());
        assertThat(completed.await(10, TimeUnit.SECONDS)).as("the redriven run completed").isTrue();
        assertThat(wiring.runs.findById(runId).orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
        assertThatThrownBy(() -> service.redrive(letter.id(), Tenants.DEFAULT))
                .isInstanceOfSatisfying(RedriveRefusedException.class,
                        e -> assertThat(e.why()).isEqualTo(RedriveRefusedException.Why.ALREADY_REDRIVEN));
    }

    @Test
    void givenAStillUnreadableEvent_redrive_isRefusedWithTheReason_andChangesNothing() {
        DeadLetter letter = recorded("{not json", null);

        assertThatThrownBy(() -> service.redrive(letter.id(), Tenants.DEFAULT))
                .isInstanceOfSatisfying(RedriveRefusedException.class, e -> {
                    assertThat(e.why()).isEqualTo(RedriveRefusedException.Why.UNREADABLE);
                    assertThat(e.getMessage()).contains("not a run id: {not json");
                });
        assertThat(letters.findById(letter.id())).contains(letter);
    }

    @Test
    void givenARunOfAnotherTenant_redrive_treatsItAsNotLoadable() {
        Workflow workflow = wiring.workflowOfDelays("only");
        UUID runId = TimeOrderedIds.next(wiring.clock.instant());
        wiring.runs.insert(Run.pending(runId, workflow.uuid(), Map.of(), wiring.clock.instant(), "acme"));
        DeadLetter letter = recorded(runId.toString(), null);

        assertThatThrownBy(() -> service.redrive(letter.id(), Tenants.DEFAULT))
                .isInstanceOfSatisfying(RedriveRefusedException.class,
                        e -> assertThat(e.why()).isEqualTo(RedriveRefusedException.Why.RUN_NOT_LOADABLE));
        assertThat(wiring.runs.findById(runId).orElseThrow().status()).isEqualTo(RunStatus.PENDING);
    }

    @Test
    void givenADispatchThatFails_redrive_leavesTheLetterUnmarked() {
        Workflow workflow = wiring.workflowOfDelays("only");
        UUID runId = TimeOrderedIds.next(wiring.clock.instant());
        wiring.runs.insert(Run.pending(runId, workflow.uuid(), Map.of(), wiring.clock.instant()));
        DeadLetter letter = recorded(runId.toString(), null);
        DeadLetterService failing = new DeadLetterService(letters, READER, wiring.runs, run -> {
            throw new RunDispatcher.DispatchException("broker away", null);
        }, wiring.clock);

        assertThatThrownBy(() -> failing.redrive(letter.id(), Tenants.DEFAULT)).isInstanceOf(RunDispatcher.DispatchException.class);
        assertThat(letters.findById(letter.id()).orElseThrow().redrivenAt()).isNull();
    }

    @Test
    void anotherTenantsLetter_isNotFound_toList_redriveOrDelete() {
        DeadLetter theirs = recorded(UUID.randomUUID().toString(), "acme");
        DeadLetter ofNoKnownTenant = recorded(UUID.randomUUID().toString(), null);

        // A letter of no known tenant may hold anyone's data: only the operator's tenant sees it.
        assertThat(service.list(new PageRequest(10, null, Long.MAX_VALUE), Tenants.DEFAULT).items())
                .extracting(DeadLetter::id).containsExactly(ofNoKnownTenant.id());
        assertThat(service.list(new PageRequest(10, null, Long.MAX_VALUE), "acme").items())
                .extracting(DeadLetter::id).containsExactly(theirs.id());
        assertThatThrownBy(() -> service.redrive(theirs.id(), Tenants.DEFAULT)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete(theirs.id(), Tenants.DEFAULT)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.redrive(ofNoKnownTenant.id(), "acme")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete(ofNoKnownTenant.id(), "acme")).isInstanceOf(NotFoundException.class);
        assertThat(letters.findById(theirs.id())).isPresent();
        assertThat(letters.findById(ofNoKnownTenant.id())).isPresent();
    }

    @Test
    void delete_removesTheLetter_andAnUnknownOneIsNotFound() {
        DeadLetter letter = recorded("whatever", null);

        service.delete(letter.id(), Tenants.DEFAULT);

        assertThat(letters.findById(letter.id())).isEmpty();
        assertThatThrownBy(() -> service.delete(letter.id(), Tenants.DEFAULT)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTruncatedEvent_cannotBeRedriven() {
        byte[] big = new byte[DeadLetter.MAX_PAYLOAD_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        DeadLetter letter = DeadLetter.of(UUID.randomUUID(), "workflow.trigger", 3, 3, null, big, "not JSON", null,
                wiring.clock.instant());
        letters.record(letter);

        assertThatThrownBy(() -> service.redrive(letter.id(), Tenants.DEFAULT))
                .isInstanceOfSatisfying(RedriveRefusedException.class,
                        e -> assertThat(e.why()).isEqualTo(RedriveRefusedException.Why.UNREADABLE));
    }
}
