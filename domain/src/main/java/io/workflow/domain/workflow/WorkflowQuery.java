package io.workflow.domain.workflow;

import io.workflow.domain.auth.Tenants;
import io.workflow.domain.page.PageRequest;

import java.util.Objects;

/**
 * A page of {@code tenant}'s active workflows, newest first, optionally only those with exactly this
 * {@code name} (null = any).
 */
public record WorkflowQuery(PageRequest page, String name, String tenant) {
    public WorkflowQuery {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(tenant, "tenant");
    }

    /** The default tenant's workflows. */
    public WorkflowQuery(PageRequest page, String name) {
        this(page, name, Tenants.DEFAULT);
    }

    /** The same query over {@code tenant}'s workflows. */
    public WorkflowQuery of(String tenant) {
        return new WorkflowQuery(page, name, tenant);
    }
}
