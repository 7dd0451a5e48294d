package io.workflow.application;

import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;

/** Lists the dead letters a tenant may see, newest first, a page at a time. */
@FunctionalInterface
public interface ListDeadLetters {

    /** The page asked for of the letters {@code tenant} may see; {@link Page#next()} is null on the last. */
    Page<DeadLetter> list(PageRequest page, String tenant);
}
