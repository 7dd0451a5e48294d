package io.workflow.application.service;

import io.workflow.application.GetRun;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;

import java.util.UUID;

/** Reads a run, cache first. */
public final class GetRunService implements GetRun {
    private final RunRepository runs;
    private final CacheAside<Run> cache;

    public GetRunService(RunRepository runs, CacheAside<Run> cache) {
        this.runs = runs;
        this.cache = cache;
    }

    @Override
    public Run get(UUID id) {
        return cache.read(id, runs::findById).orElseThrow(() -> new NotFoundException("run", id));
    }
}
