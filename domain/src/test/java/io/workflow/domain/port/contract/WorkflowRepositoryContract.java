package io.workflow.domain.port.contract;

import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link WorkflowRepository} must do; one subclass per implementation. */
public abstract class WorkflowRepositoryContract {

    protected abstract WorkflowRepository repository();

    @Test
    void savedWorkflow_isFoundById_withEveryField() {
        Workflow workflow = Fixtures.workflow();
        repository().save(workflow);

        assertThat(repository().findById(workflow.uuid())).contains(workflow);
    }

    @Test
    void savedWorkflow_keepsItsTenant() {
        Workflow base = Fixtures.workflow();
        Workflow workflow = new Workflow(base.uuid(), base.id(), base.name(), base.description(), base.steps(),
                base.createdAt(), "acme");
        repository().save(workflow);

        assertThat(repository().findById(workflow.uuid())).contains(workflow);
        assertThat(repository().findById(workflow.uuid()).orElseThrow().tenant()).isEqualTo("acme");
    }

    @Test
    void unknownId_isNotFound() {
        assertThat(repository().findById(UUID.randomUUID())).isEmpty();
    }
}
