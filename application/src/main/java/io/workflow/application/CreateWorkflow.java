package io.workflow.application;

import io.workflow.domain.workflow.Step;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.workflow.Workflow;

import java.util.List;
import java.util.Objects;

/** Creates a workflow. */
@FunctionalInterface
public interface CreateWorkflow {

    /** What a client asks for: its own label ({@code clientId}, may be null), a name, a description, the steps. */
    record Command(String clientId, String name, String description, List<Step> steps, String tenant) {
        public Command {
            steps = Workflow.checkDefinition(name, steps);
            Objects.requireNonNull(tenant, "tenant");
        }

        /** A workflow of the {@link Tenants#DEFAULT default tenant}. */
        public Command(String clientId, String name, String description, List<Step> steps) {
            this(clientId, name, description, steps, Tenants.DEFAULT);
        }

        /** The same definition, for {@code tenant}. */
        public Command of(String tenant) {
            return new Command(clientId, name, description, steps, tenant);
        }
    }

    /** Stores the workflow (the server picks its uuid and creation time) and returns it. */
    Workflow create(Command command);
}
