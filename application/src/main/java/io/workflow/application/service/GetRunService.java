package io.workflow.application.service;

import io.workflow.application.GetRun;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.timeline.RunTimeline;
import io.workflow.domain.workflow.Workflow;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Reads a run, cache first; its timeline from its workflow, cache first too. */
public final class GetRunService implements GetRun {
    private final RunRepository runs;
    private final CacheAside<Run> cache;
    private final WorkflowRepository workflows;
    private final CacheAside<Workflow> workflowCache;
    private final Clock clock;

    public GetRunService(RunRepository runs, CacheAside<Run> cache, WorkflowRepository workflows,
                         CacheAside<Workflow> workflowCache, Clock clock) {
        this.runs = runs;
        this.cache = cache;
        this.workflows = workflows;
        this.workflowCache = workflowCache;
        this.clock = clock;
    }

    @Override
    public Run get(UUID id) {
        return cache.read(id, runs::findById).orElseThrow(() -> new NotFoundException("run", id));
    }

    @Override
    public Optional<RunTimeline> timeline(Run run) {
        return RunDefinitions.of(run, workflows, workflowCache)
                .map(workflow -> RunTimeline.of(run, workflow, clock.instant()));
    }
}
