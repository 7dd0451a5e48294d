package io.workflow.domain.run;

import io.workflow.domain.auth.Tenants;
import io.workflow.domain.page.PageRequest;

import java.util.Objects;
import java.util.UUID;

/**
 * A page of one tenant's runs, newest first, optionally only those with a status or of one workflow
 * (null = any). A listing never crosses tenants.
 */
public record RunQuery(PageRequest page, RunStatus status, UUID workflowId, String tenant) {
    public RunQuery {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(tenant, "tenant");
    }

    /** A query over the {@link Tenants#DEFAULT default tenant}'s runs: the record as it was before tenants. */
    public RunQuery(PageRequest page, RunStatus status, UUID workflowId) {
        this(page, status, workflowId, Tenants.DEFAULT);
    }
}
