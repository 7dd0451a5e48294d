package io.workflow.application.service;

import io.workflow.application.TriggerRun;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GetRun and the run cache-aside rules: cached on creation, dropped on change, only terminal runs re-cached. */
class GetRunTest {
    private final MemoryWiring wiring = new MemoryWiring();
    private final TriggerRun trigger = wiring.triggerRun(run -> { });
    private final Workflow workflow = wiring.workflowOfDelays("first");

    @Test
    void givenUnknownRun_get_throwsNotFound() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> wiring.getRun.get(unknown))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
        assertThat(wiring.runCache.get(unknown)).isEmpty();
    }

    @Test
    void givenLiveRunNotInTheCache_get_readsTheStore_butDoesNotCacheIt() {
        Run run = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));
        wiring.runCache.evict(run.id());

        assertThat(wiring.getRun.get(run.id())).isEqualTo(run);
        assertThat(wiring.runCache.get(run.id())).isEmpty();
    }

    @Test
    void givenFinishedRunNotInTheCache_get_cachesIt() {
        Run run = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));
        wiring.executeRun((step, context) -> new StepOutcome.Succeeded(null), finished -> { }).execute(run.id());
        assertThat(wiring.runCache.get(run.id())).isEmpty();

        Run read = wiring.getRun.get(run.id());

        assertThat(read.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(wiring.runCache.get(run.id())).contains(read);
    }

    @Test
    void runCacheEntry_expiresAfterItsTtl() {
        Run run = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));

        wiring.clock.advance(CacheAside.RUN_TTL.minusMillis(1));
        assertThat(wiring.runCache.get(run.id())).contains(run);
        wiring.clock.advance(CacheAside.RUN_TTL);
        assertThat(wiring.runCache.get(run.id())).isEmpty();
        assertThat(wiring.getRun.get(run.id())).isEqualTo(run);
    }
}
