package io.workflow.application;

import io.workflow.domain.page.Page;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunSummary;

/** Lists runs, newest or oldest first, a page at a time. */
@FunctionalInterface
public interface ListRuns {

    /** The page the query asks for; {@link Page#next()} is where the next page starts (null on the last). */
    Page<Run> list(RunQuery query);

    /** The same page as {@link RunSummary summaries}, what a listing shows; by default decoded from {@link #list}. */
    default Page<RunSummary> summaries(RunQuery query) {
        return list(query).map(RunSummary::of);
    }
}
