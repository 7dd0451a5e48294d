package io.workflow.domain.page;

import java.util.List;

/** One page of items and the position to continue from; {@code next} is null on the last page. */
public record Page<T>(List<T> items, Cursor next) {
    public Page {
        items = List.copyOf(items);
    }
}
