package io.workflow.domain.page;

import java.util.Comparator;

/**
 * Which way a listing walks its positions ({@link Cursor}s): newest first, the default, or oldest
 * first. Either way ties in creation time are broken by id, so the walk is total and a cursor marks
 * one place in it.
 */
public enum ListOrder {
    NEWEST_FIRST,
    OLDEST_FIRST;

    /** Positions in the order this listing shows them. */
    public Comparator<Cursor> positions() {
        return this == OLDEST_FIRST ? Comparator.naturalOrder() : Comparator.<Cursor>naturalOrder().reversed();
    }
}
