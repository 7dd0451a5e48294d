package io.workflow.application;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.page.CursorCodec;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;

import java.util.List;
import java.util.UUID;

/** Lists runs newest first, a page at a time, with opaque cursors. */
public final class ListRuns {
    private final RunRepository runs;
    private final CursorCodec cursors;

    public ListRuns(RunRepository runs, CursorCodec cursors) {
        this.runs = runs;
        this.cursors = cursors;
    }

    /** Query parameters as the client sent them; any may be null. */
    public record Query(String limit, String cursor, String status, String workflowId) {
    }

    /** One page: the runs, the cursor of the next page (null on the last) and the limit applied. */
    public record RunPage(List<Run> items, String nextCursor, int limit) {
    }

    /** The page the query asks for; {@link InvalidInputException} for a bad limit, cursor or filter. */
    public RunPage list(Query query) {
        int limit = limit(query.limit());
        PageRequest page = new PageRequest(limit, blank(query.cursor()) ? null : cursors.decode(query.cursor()));
        Page<Run> result = runs.list(new RunQuery(page, status(query.status()), workflowId(query.workflowId())));
        return new RunPage(result.items(), result.next() == null ? null : cursors.encode(result.next()), limit);
    }

    private static int limit(String text) {
        if (blank(text)) {
            return PageRequest.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "must be an integer between 1 and " + PageRequest.MAX_LIMIT);
        }
    }

    private static RunStatus status(String text) {
        if (blank(text)) {
            return null;
        }
        RunStatus status = RunStatus.fromWireName(text);
        if (status == null) {
            throw new InvalidInputException("status", "must be one of pending, running, success, failed");
        }
        return status;
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

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
