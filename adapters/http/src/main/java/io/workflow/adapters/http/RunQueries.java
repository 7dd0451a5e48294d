package io.workflow.adapters.http;

import io.helidon.common.uri.UriQuery;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;

import java.util.UUID;

/**
 * {@code GET /runs?limit=&cursor=&status=&workflow_id=} read into a {@link RunQuery}; every parameter
 * optional. Every page carries the API's byte budget ({@code pageBytes}), which no parameter changes.
 */
final class RunQueries {
    private final CursorCodec cursors;
    private final long pageBytes;

    RunQueries(CursorCodec cursors, long pageBytes) {
        this.cursors = cursors;
        this.pageBytes = pageBytes;
    }

    /** The query over {@code tenant}'s runs; {@link InvalidInputException} names the bad parameter. */
    RunQuery read(UriQuery query, String tenant) {
        String limit = query.first("limit").orElse(null);
        String cursor = query.first("cursor").orElse(null);
        String status = query.first("status").orElse(null);
        String workflowId = query.first("workflow_id").orElse(null);
        PageRequest page = new PageRequest(limit(limit), blank(cursor) ? null : cursors.decode(cursor, tenant), pageBytes);
        return new RunQuery(page, blank(status) ? null : RunJson.status(status, "status"), workflowId(workflowId), tenant);
    }

    /** The {@code next_cursor} token of a page of {@code tenant}'s runs that continues at {@code next}; null on the last page. */
    String token(Cursor next, String tenant) {
        return next == null ? null : cursors.encode(next, tenant);
    }

    static int limit(String text) {
        if (blank(text)) {
            return PageRequest.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "must be an integer between 1 and " + PageRequest.MAX_LIMIT);
        }
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

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
