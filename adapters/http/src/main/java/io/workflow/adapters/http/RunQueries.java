package io.workflow.adapters.http;

import io.helidon.common.uri.UriQuery;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.ListOrder;
import io.workflow.domain.run.RunQuery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import static io.workflow.adapters.http.PageQueries.blank;

/**
 * {@code GET /runs?limit=&cursor=&status=&workflow_id=&created_after=&created_before=&order=} read
 * into a {@link RunQuery}; every parameter optional, the paging ones read by {@link PageQueries}.
 * A {@code next_cursor} continues only the listing it came from: the same order and filters.
 */
final class RunQueries {
    /** The years PostgreSQL and every client can hold; a time bound outside them is a client mistake, not a 500. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final PageQueries pages;

    RunQueries(PageQueries pages) {
        this.pages = pages;
    }

    /** The query over {@code tenant}'s runs; {@link InvalidInputException} names the bad parameter. */
    RunQuery read(UriQuery query, String tenant) {
        String status = query.first("status").orElse(null);
        RunQuery first = new RunQuery(pages.first(query), blank(status) ? null : RunJson.status(status, "status"),
                workflowId(query.first("workflow_id").orElse(null)), tenant,
                instant(query.first("created_after").orElse(null), "created_after"),
                instant(query.first("created_before").orElse(null), "created_before"),
                order(query.first("order").orElse(null)));
        return first.withPage(pages.page(query, tenant, scope(first)));
    }

    /** The {@code next_cursor} token of a page of {@code query}'s runs that continues at {@code next}; null on the last page. */
    String token(Cursor next, RunQuery query) {
        return pages.token(next, query.tenant(), scope(query));
    }

    /**
     * The listing a cursor of {@code query} belongs to. The filters are written from the parsed
     * query, so two spellings of one filter (an offset, a blank parameter) are one listing. Tokens
     * from before listings were scoped continue the newest-first listings without time bounds,
     * the only ones that existed then.
     */
    static CursorCodec.Scope scope(RunQuery query) {
        String filters = "status=" + Objects.toString(query.status(), "")
                + "&workflow_id=" + Objects.toString(query.workflowId(), "")
                + "&created_after=" + Objects.toString(query.createdAfter(), "")
                + "&created_before=" + Objects.toString(query.createdBefore(), "");
        boolean asBefore = query.order() == ListOrder.NEWEST_FIRST && query.createdAfter() == null
                && query.createdBefore() == null;
        return new CursorCodec.Scope(query.order(), filters, asBefore);
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

    /**
     * An RFC 3339 date-time with its offset. A {@code +} in an offset arrives as a space when the
     * client did not escape it (as {@code %2B}); no RFC 3339 date-time has a space there, so it is
     * read as the {@code +} it was.
     */
    private static Instant instant(String text, String parameter) {
        if (blank(text)) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text.trim().replace(' ', '+').toUpperCase(Locale.ROOT),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(parameter,
                    "must be an RFC 3339 date-time with an offset, such as 2026-11-30T00:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidInputException(parameter, "must lie between the years 0001 and 9999");
        }
        return instant;
    }

    private static ListOrder order(String text) {
        if (blank(text)) {
            return ListOrder.NEWEST_FIRST;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "desc" -> ListOrder.NEWEST_FIRST;
            case "asc" -> ListOrder.OLDEST_FIRST;
            default -> throw new InvalidInputException("order", "must be asc or desc");
        };
    }
}
