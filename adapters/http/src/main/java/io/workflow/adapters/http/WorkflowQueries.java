package io.workflow.adapters.http;

import io.helidon.common.uri.UriQuery;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

/**
 * {@code GET /workflows?limit=&cursor=&name=} read into a {@link WorkflowQuery}; every parameter
 * optional, {@code limit} and {@code cursor} as for runs. Every page carries the API's byte budget.
 */
final class WorkflowQueries {
    private final CursorCodec cursors;
    private final long pageBytes;

    WorkflowQueries(CursorCodec cursors, long pageBytes) {
        this.cursors = cursors;
        this.pageBytes = pageBytes;
    }

    /** The query over {@code tenant}'s workflows; {@link InvalidInputException} names the bad parameter. */
    WorkflowQuery read(UriQuery query, String tenant) {
        String cursor = query.first("cursor").orElse(null);
        String name = query.first("name").orElse(null);
        if (name != null && name.length() > Workflow.MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "must be at most " + Workflow.MAX_NAME_LENGTH + " characters");
        }
        PageRequest page = new PageRequest(RunQueries.limit(query.first("limit").orElse(null)),
                RunQueries.blank(cursor) ? null : cursors.decode(cursor, tenant), pageBytes);
        return new WorkflowQuery(page, RunQueries.blank(name) ? null : name, tenant);
    }

    /** The {@code next_cursor} token of a page of {@code tenant}'s workflows that continues at {@code next}; null on the last page. */
    String token(Cursor next, String tenant) {
        return next == null ? null : cursors.encode(next, tenant);
    }
}
