package io.workflow.application.service;

import io.workflow.application.CreateWorkflow;
import io.workflow.application.TriggerRun;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The use cases keep each tenant's workflows and runs its own: another tenant's id is as unknown as a made-up one. */
class TenantIsolationTest {
    private final MemoryWiring wiring = new MemoryWiring();
    private final List<Run> dispatched = new ArrayList<>();
    private final TriggerRun trigger = wiring.triggerRun(dispatched::add);

    private Workflow workflowOf(String tenant) {
        return wiring.createWorkflow.create(new CreateWorkflow.Command(null, "w", null,
                List.of(new DelayStep("wait", Duration.ofSeconds(1))), tenant));
    }

    @Test
    void aWorkflowAndItsRuns_belongToTheTenantThatCreatedIt() {
        Workflow workflow = workflowOf("acme");
        Run run = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of(), "acme"));

        assertThat(workflow.tenant()).isEqualTo("acme");
        assertThat(run.tenant()).isEqualTo("acme");
        assertThat(wiring.getRun.get("acme", run.id())).isEqualTo(run);
        assertThat(wiring.getWorkflow.get("acme", workflow.uuid())).isEqualTo(workflow);
    }

    @Test
    void anotherTenant_cannotReadTriggerOrListThem() {
        Workflow workflow = workflowOf("acme");
        Run run = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of(), "acme"));

        assertThatThrownBy(() -> wiring.getWorkflow.get("globex", workflow.uuid())).isInstanceOf(NotFoundException.class)
                .hasMessage("workflow " + workflow.uuid() + " not found");
        assertThatThrownBy(() -> wiring.getRun.get("globex", run.id())).isInstanceOf(NotFoundException.class)
                .hasMessage("run " + run.id() + " not found");
        assertThatThrownBy(() -> trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of(), "globex")))
                .isInstanceOf(NotFoundException.class);
        assertThat(dispatched).containsExactly(run);
        PageRequest all = new PageRequest(PageRequest.MAX_LIMIT, null, Long.MAX_VALUE);
        assertThat(wiring.listRuns.list(new RunQuery(all, null, null, "globex")).items()).isEmpty();
        assertThat(wiring.listRuns.list(new RunQuery(all, null, null)).items()).as("nor does the default tenant").isEmpty();
        assertThat(wiring.listRuns.list(new RunQuery(all, null, null, "acme")).items()).containsExactly(run);
    }
}
