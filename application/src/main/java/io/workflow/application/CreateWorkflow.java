package io.workflow.application;

import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.PayloadContract;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.Workflow;

import java.time.Duration;
import java.util.List;

/** Creates a workflow. */
@FunctionalInterface
public interface CreateWorkflow {

    /**
     * What a client asks for: its own label ({@code clientId}, may be null), a name, a description,
     * the steps, and optionally a default retry policy for its webhook steps and a run timeout; every
     * placeholder referring to a step must name an earlier one ({@link PayloadContract}).
     */
    record Command(String clientId, String name, String description, List<Step> steps, RetryPolicy retry, Duration timeout) {
        public Command {
            steps = Workflow.checkDefinition(name, steps);
            Workflow.checkTimeout(timeout);
            PayloadContract.of(steps).requireValidReferences();
        }

        /** Without a default retry policy or a run timeout. */
        public Command(String clientId, String name, String description, List<Step> steps) {
            this(clientId, name, description, steps, null, null);
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
