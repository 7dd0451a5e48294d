package io.workflow.domain.page;

import io.workflow.domain.InvalidInputException;

/** How many items to return, and after which position ({@code after} null = from the newest). */
public record PageRequest(int limit, Cursor after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }
}
