package io.workflow.domain.workflow;

import io.workflow.domain.page.PageRequest;

import java.util.Objects;

/** A page of active workflows, newest first, optionally only those with exactly this {@code name} (null = any). */
public record WorkflowQuery(PageRequest page, String name) {
    public WorkflowQuery {
        Objects.requireNonNull(page, "page");
    }
}
