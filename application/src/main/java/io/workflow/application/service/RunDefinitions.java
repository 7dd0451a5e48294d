package io.workflow.application.service;

import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;

import java.util.Optional;

/** The definition a run executes: the version of its workflow it was triggered with. */
final class RunDefinitions {
    private RunDefinitions() {
    }

    /**
     * The current version, cache first, is the one almost every run was triggered with: one read, as
     * before versions. A run of an earlier version (a revision came in between) reads its own from the store.
     */
    static Optional<Workflow> of(Run run, WorkflowRepository workflows, CacheAside<Workflow> cache) {
        return cache.read(run.workflowId(), workflows::findById)
                .flatMap(current -> current.version() == run.workflowVersion() ? Optional.of(current)
                        : workflows.findVersion(run.workflowId(), run.workflowVersion()));
    }
}
