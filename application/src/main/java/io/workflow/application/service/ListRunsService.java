package io.workflow.application.service;

import io.workflow.application.ListRuns;
import io.workflow.domain.page.Page;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunSummary;

/** Lists runs straight from the store: a page is never cached (it changes with every trigger). */
public final class ListRunsService implements ListRuns {
    private final RunRepository runs;

    public ListRunsService(RunRepository runs) {
        this.runs = runs;
    }

    @Override
    public Page<Run> list(RunQuery query) {
        return runs.list(query);
    }

    @Override
    public Page<RunSummary> summaries(RunQuery query) {
        return runs.summaries(query);
    }
}
