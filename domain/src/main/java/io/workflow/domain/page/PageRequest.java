package io.workflow.domain.page;

import io.workflow.domain.InvalidInputException;

/**
 * How many items to return, after which position ({@code after} null = from the newest), and how
 * many bytes of content the page may carry. {@code maxBytes} bounds what one request loads and
 * sends whatever the items hold: a page stops before the item that would take it past the budget
 * (its position becomes the next cursor, so nothing is skipped), and always holds at least one item.
 */
public record PageRequest(int limit, Cursor after, long maxBytes) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("a page's byte budget must be positive, was " + maxBytes);
        }
    }

    /**
     * Whether an item of {@code itemBytes} still belongs on a page that already holds {@code items}
     * items of {@code pageBytes} in total: the first always does, later ones while the total stays
     * within {@link #maxBytes}.
     */
    public boolean fits(int items, long pageBytes, long itemBytes) {
        return items == 0 || pageBytes + itemBytes <= maxBytes;
    }
}
