package io.workflow.bootstrap;

import io.workflow.domain.port.Cache;
import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;

/** The driven ports that do not depend on the use cases; the dispatcher and worker come after them. */
record Ports(WorkflowRepository workflows, RunRepository runs, Cache<Workflow> workflowCache, Cache<Run> runCache,
             RunCompletionPublisher completions) {
}
