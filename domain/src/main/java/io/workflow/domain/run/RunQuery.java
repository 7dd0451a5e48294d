package io.workflow.domain.run;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.page.ListOrder;
import io.workflow.domain.page.PageRequest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A page of one tenant's runs in {@code order}, optionally only those with a status, of one workflow,
 * or created strictly after {@code createdAfter} and strictly before {@code createdBefore} (null =
 * any). A listing never crosses tenants. The time bounds count to the microsecond, the precision runs
 * are stored with, and must leave room between them.
 */
public record RunQuery(PageRequest page, RunStatus status, UUID workflowId, String tenant,
                       Instant createdAfter, Instant createdBefore, ListOrder order) {
    public RunQuery {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(order, "order");
        createdAfter = createdAfter == null ? null : createdAfter.truncatedTo(ChronoUnit.MICROS);
        // Rounded up, so that truncation never lets a run at the bound's own microsecond in.
        createdBefore = createdBefore == null ? null : ceilingMicros(createdBefore);
        if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
            throw new InvalidInputException("created_after", "must be before created_before");
        }
    }

    /** Every run of the tenant's, newest first, optionally by status or workflow. */
    public RunQuery(PageRequest page, RunStatus status, UUID workflowId, String tenant) {
        this(page, status, workflowId, tenant, null, null, ListOrder.NEWEST_FIRST);
    }

    /** A query over the {@link Tenants#DEFAULT default tenant}'s runs: the record as it was before tenants. */
    public RunQuery(PageRequest page, RunStatus status, UUID workflowId) {
        this(page, status, workflowId, Tenants.DEFAULT);
    }

    /** The same runs, in the same order, for another page of them. */
    public RunQuery withPage(PageRequest other) {
        return new RunQuery(other, status, workflowId, tenant, createdAfter, createdBefore, order);
    }

    /** Whether a run created at {@code createdAt} lies within the time bounds (both exclusive). */
    public boolean createdWithin(Instant createdAt) {
        return (createdAfter == null || createdAt.isAfter(createdAfter))
                && (createdBefore == null || createdAt.isBefore(createdBefore));
    }

    /** Whether {@code run} is one this query lists, wherever its page starts. */
    public boolean selects(Run run) {
        return run.tenant().equals(tenant)
                && (status == null || run.status() == status)
                && (workflowId == null || run.workflowId().equals(workflowId))
                && createdWithin(run.createdAt());
    }

    private static Instant ceilingMicros(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.MICROS);
        return truncated.equals(instant) ? instant : truncated.plus(1, ChronoUnit.MICROS);
    }
}
