package io.workflow.adapters.http;

import io.helidon.common.uri.UriQuery;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

/**
 * {@code GET /workflows?limit=&cursor=&name=} read into a {@link WorkflowQuery}; every parameter
 * optional, the paging ones read by {@link PageQueries} as for runs.
 */
final class WorkflowQueries {
    private final PageQueries pages;

    WorkflowQueries(PageQueries pages) {
        this.pages = pages;
    }

    /** The query over {@code tenant}'s workflows; {@link InvalidInputException} names the bad parameter. */
    WorkflowQuery read(UriQuery query, String tenant) {
        String name = query.first("name").orElse(null);
        if (name != null && name.length() > Workflow.MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "must be at most " + Workflow.MAX_NAME_LENGTH + " characters");
        }
        return new WorkflowQuery(pages.page(query, tenant), PageQueries.blank(name) ? null : name, tenant);
    }

    /** {@code GET /workflows/{uuid}/versions?limit=&cursor=}: paging alone; {@link InvalidInputException} names the bad parameter. */
    PageRequest versionsPage(UriQuery query, String tenant) {
        return pages.page(query, tenant);
    }

    /** The {@code next_cursor} token of a page of {@code tenant}'s workflows that continues at {@code next}; null on the last page. */
    String token(Cursor next, String tenant) {
        return pages.token(next, tenant);
    }
}
