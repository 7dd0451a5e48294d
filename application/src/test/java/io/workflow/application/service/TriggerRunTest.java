package io.workflow.application.service;

import io.workflow.application.TriggerRun;
import io.workflow.application.TriggerRun.Command;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriggerRunTest {
    private final MemoryWiring wiring = new MemoryWiring();
    private final List<Run> dispatched = new CopyOnWriteArrayList<>();
    private final TriggerRun trigger = wiring.triggerRun(dispatched::add);

    @Test
    void givenUnknownWorkflow_trigger_throwsNotFound_andStoresAndDispatchesNothing() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> trigger.trigger(new Command(unknown, Map.of())))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
        assertThat(wiring.storedRuns()).isEmpty();
        assertThat(dispatched).isEmpty();
    }

    @Test
    void trigger_storesAPendingRun_cachesIt_andHandsItToTheDispatcher() {
        Workflow workflow = wiring.workflowOfDelays("first");

        Run run = trigger.trigger(new Command(workflow.uuid(), Map.of("user_id", 42)));

        assertThat(run.status()).isEqualTo(RunStatus.PENDING);
        assertThat(run.workflowId()).isEqualTo(workflow.uuid());
        assertThat(run.payload()).isEqualTo(Map.of("user_id", 42));
        assertThat(run.createdAt()).isEqualTo(MemoryWiring.T0);
        assertThat(run.id().version()).isEqualTo(7);
        assertThat(wiring.runs.findById(run.id())).contains(run);
        assertThat(wiring.runCache.get(run.id())).contains(run);
        assertThat(dispatched).containsExactly(run);
    }

    @Test
    void triggeredRun_isReadableThroughGetRun() {
        Workflow workflow = wiring.workflowOfDelays("first");

        Run run = trigger.trigger(new Command(workflow.uuid(), Map.of()));

        assertThat(wiring.getRun.get(run.id())).isEqualTo(run);
    }

    @Test
    void eachTrigger_createsItsOwnRun() {
        Workflow workflow = wiring.workflowOfDelays("first");

        Run first = trigger.trigger(new Command(workflow.uuid(), Map.of()));
        Run second = trigger.trigger(new Command(workflow.uuid(), Map.of()));

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(wiring.storedRuns()).hasSize(2);
        assertThat(dispatched).containsExactly(first, second);
    }

    @Test
    void givenDispatcherThatThrows_trigger_propagates_andStoresTheRunAsFailed_andDropsItsCacheEntry() {
        Workflow workflow = wiring.workflowOfDelays("first");
        DispatchException refusal = new DispatchException("broker unreachable", null);
        TriggerRun refusing = wiring.triggerRun(run -> {
            throw refusal;
        });

        assertThatThrownBy(() -> refusing.trigger(new Command(workflow.uuid(), Map.of("user_id", 1))))
                .isSameAs(refusal);

        assertThat(wiring.storedRuns()).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).contains("dispatch").contains("broker unreachable");
            assertThat(run.completedAt()).isEqualTo(MemoryWiring.T0);
            assertThat(run.payload()).isEqualTo(Map.of("user_id", 1));
            assertThat(wiring.runCache.get(run.id())).isEmpty();
            assertThat(wiring.getRun.get(run.id()).status())
                    .as("a reader sees the failed run, not a stale pending one").isEqualTo(RunStatus.FAILED);
        });
    }

    @Test
    void givenNoPayload_command_usesAnEmptyObject() {
        assertThat(new Command(UUID.randomUUID(), null).payload()).isEqualTo(Map.of());
    }

    @Test
    void givenPayloadLackingWhatThePlaceholdersNeed_trigger_refusesListingEveryPath_andStoresNothing() {
        Workflow workflow = wiring.createWorkflow.create(new io.workflow.application.CreateWorkflow.Command(null, "hooks", null,
                List.of(new io.workflow.domain.workflow.WebhookStep("notify", "http://127.0.0.1:9/u/${payload.user_id}", "POST",
                        Map.of(), Map.of("name", "${payload.name}")))));

        assertThatThrownBy(() -> trigger.trigger(new Command(workflow.uuid(), Map.of("other", 1))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("payload.user_id is missing")
                .hasMessageContaining("payload.name is missing");
        assertThat(wiring.storedRuns()).isEmpty();
        assertThat(dispatched).isEmpty();
    }
}
