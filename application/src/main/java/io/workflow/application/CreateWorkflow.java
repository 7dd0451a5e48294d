package io.workflow.application;

import io.workflow.domain.workflow.PayloadContract;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.Workflow;

import java.util.List;

/** Creates a workflow. */
@FunctionalInterface
public interface CreateWorkflow {

    /**
     * What a client asks for: its own label ({@code clientId}, may be null), a name, a description, the
     * steps; every placeholder referring to a step must name an earlier one ({@link PayloadContract}).
     */
    record Command(String clientId, String name, String description, List<Step> steps) {
        public Command {
            steps = Workflow.checkDefinition(name, steps);
            PayloadContract.of(steps).requireValidReferences();
        }
    }

    /** Stores the workflow (the server picks its uuid and creation time) and returns it. */
    Workflow create(Command command);
}
