package io.workflow.domain.run;

import io.workflow.domain.page.PageRequest;

import java.util.Objects;
import java.util.UUID;

/** A page of runs, newest first, optionally only those with a status or of one workflow (null = any). */
public record RunQuery(PageRequest page, RunStatus status, UUID workflowId) {
    public RunQuery {
        Objects.requireNonNull(page, "page");
    }
}
