package io.workflow.application;

import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.PayloadContract;
import io.workflow.domain.workflow.PayloadSchema;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.workflow.Workflow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Creates a workflow. */
@FunctionalInterface
public interface CreateWorkflow {

    /**
     * What a client asks for: its own label ({@code clientId}, may be null), a name, a description,
     * the steps, and optionally a default retry policy for its webhook steps and a run timeout; every
     * placeholder referring to a step must name an earlier one ({@link PayloadContract}). The
     * workflow will belong to {@code tenant}. {@code payloadSchema} (may be null) is the schema the
     * author declares for trigger payloads, checked besides what the placeholders need.
     */
    record Command(String clientId, String name, String description, List<Step> steps, RetryPolicy retry, Duration timeout,
                   String tenant, PayloadSchema payloadSchema) {
        public Command {
            steps = Workflow.checkDefinition(name, steps);
            Workflow.checkTimeout(timeout);
            PayloadContract.of(steps).requireValidReferences();
            Objects.requireNonNull(tenant, "tenant");
        }

        /** A workflow of {@code tenant} without a declared payload schema. */
        public Command(String clientId, String name, String description, List<Step> steps, RetryPolicy retry, Duration timeout,
                       String tenant) {
            this(clientId, name, description, steps, retry, timeout, tenant, null);
        }

        /** A workflow of the {@link Tenants#DEFAULT default tenant}. */
        public Command(String clientId, String name, String description, List<Step> steps, RetryPolicy retry, Duration timeout) {
            this(clientId, name, description, steps, retry, timeout, Tenants.DEFAULT);
        }

        /** A workflow of {@code tenant} without a default retry policy or a run timeout. */
        public Command(String clientId, String name, String description, List<Step> steps, String tenant) {
            this(clientId, name, description, steps, null, null, tenant);
        }

        /** A workflow of the default tenant without a default retry policy or a run timeout. */
        public Command(String clientId, String name, String description, List<Step> steps) {
            this(clientId, name, description, steps, null, null);
        }

        /** The same definition, for {@code tenant}. */
        public Command of(String tenant) {
            return new Command(clientId, name, description, steps, retry, timeout, tenant, payloadSchema);
        }
    }

    /** Stores the workflow (the server picks its uuid and creation time) and returns it. */
    Workflow create(Command command);

    /** The workflow created, and the secret its webhook calls are signed with (null where none is kept). */
    record Created(Workflow workflow, String signingSecret) {
    }

    /** Creates the workflow and its webhook signing secret, returned this once. */
    default Created createWithSecret(Command command) {
        return new Created(create(command), null);
    }
}
