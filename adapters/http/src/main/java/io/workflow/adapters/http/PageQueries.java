package io.workflow.adapters.http;

import io.helidon.common.uri.UriQuery;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.PageRequest;

/**
 * The paging half of every listing's query, {@code ?limit=&cursor=}: the page asked for, within the
 * API's byte budget ({@code pageBytes}, which no parameter changes), and the {@code next_cursor}
 * token of the page that follows. Cursors are signed for one tenant: another's is refused.
 */
final class PageQueries {
    private final CursorCodec cursors;
    private final long pageBytes;

    PageQueries(CursorCodec cursors, long pageBytes) {
        this.cursors = cursors;
        this.pageBytes = pageBytes;
    }

    /** The page {@code query} asks of {@code tenant}'s listing; {@link InvalidInputException} names the bad parameter. */
    PageRequest page(UriQuery query, String tenant) {
        return page(query, tenant, CursorCodec.Scope.UNFILTERED);
    }

    /**
     * The page {@code query} asks of {@code tenant}'s listing in {@code scope} (a cursor from
     * another scope is refused); {@link InvalidInputException} names the bad parameter.
     */
    PageRequest page(UriQuery query, String tenant, CursorCodec.Scope scope) {
        String cursor = query.first("cursor").orElse(null);
        return new PageRequest(limit(query.first("limit").orElse(null)),
                blank(cursor) ? null : cursors.decode(cursor, tenant, scope), pageBytes);
    }

    /** The first page of the size {@code query} asks for, its cursor left unread. */
    PageRequest first(UriQuery query) {
        return new PageRequest(limit(query.first("limit").orElse(null)), null, pageBytes);
    }

    /** {@link #page} for a listing with no parameters of its own: a bad one is a 400 problem naming it. */
    PageRequest pageOrProblem(UriQuery query, String tenant) {
        try {
            return page(query, tenant);
        } catch (InvalidInputException e) {
            throw new ProblemException(Problem.invalidQuery(e));
        }
    }

    /** The {@code next_cursor} token of a page of {@code tenant}'s listing that continues at {@code next}; null on the last page. */
    String token(Cursor next, String tenant) {
        return token(next, tenant, CursorCodec.Scope.UNFILTERED);
    }

    /** {@link #token(Cursor, String)} for a listing in {@code scope}. */
    String token(Cursor next, String tenant, CursorCodec.Scope scope) {
        return next == null ? null : cursors.encode(next, tenant, scope);
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

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
