package io.workflow.adapters.http;

import io.helidon.common.uri.UriQuery;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.run.RunQuery;

import java.util.UUID;

import static io.workflow.adapters.http.PageQueries.blank;

/**
 * {@code GET /runs?limit=&cursor=&status=&workflow_id=} read into a {@link RunQuery}; every parameter
 * optional, the paging ones read by {@link PageQueries}.
 */
final class RunQueries {
    private final PageQueries pages;

    RunQueries(PageQueries pages) {
        this.pages = pages;
    }

    /** The query over {@code tenant}'s runs; {@link InvalidInputException} names the bad parameter. */
    RunQuery read(UriQuery query, String tenant) {
        String status = query.first("status").orElse(null);
        String workflowId = query.first("workflow_id").orElse(null);
        return new RunQuery(pages.page(query, tenant), blank(status) ? null : RunJson.status(status, "status"),
                workflowId(workflowId), tenant);
    }

    private static UUID workflowId(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("workflow_id", "must be a UUID");
        }
    }

    /** The {@code next_cursor} token of a page of {@code tenant}'s runs that continues at {@code next}; null on the last page. */
    String token(Cursor next, String tenant) {
        return pages.token(next, tenant);
    }
}
