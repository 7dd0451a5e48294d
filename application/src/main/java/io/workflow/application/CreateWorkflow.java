package io.workflow.application;

import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.Workflow;

import java.util.List;

/** Creates a workflow. */
@FunctionalInterface
public interface CreateWorkflow {

    /** What a client asks for: its own label ({@code clientId}, may be null), a name, a description, the steps. */
    record Command(String clientId, String name, String description, List<Step> steps) {
        public Command {
            steps = Workflow.checkDefinition(name, steps);
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
