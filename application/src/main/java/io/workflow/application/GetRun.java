package io.workflow.application;

import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;

import java.util.UUID;

/** Reads a run, cache first. */
public final class GetRun {
    private final RunRepository runs;
    private final CacheAside<Run> cache;

    public GetRun(RunRepository runs, CacheAside<Run> cache) {
        this.runs = runs;
        this.cache = cache;
    }

    /** The run, or {@link NotFoundException}. */
    public Run get(UUID id) {
        return cache.read(id, runs::findById).orElseThrow(() -> new NotFoundException("run", id));
    }
}
