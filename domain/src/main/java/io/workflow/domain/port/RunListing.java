package io.workflow.domain.port;

import io.workflow.domain.page.Page;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunSummary;

/** Pages of runs for reading: the listing's query side, which need not decode what it only shows. */
@FunctionalInterface
public interface RunListing {

    /**
     * The same page as {@link RunRepository#list} answers for {@code query} (the same runs, order,
     * byte budget and next cursor), each run as a {@link RunSummary}.
     */
    Page<RunSummary> summaries(RunQuery query);
}
