package io.workflow.domain.page;

import java.util.List;
import java.util.function.Function;

/** One page of items and the position to continue from; {@code next} is null on the last page. */
public record Page<T>(List<T> items, Cursor next) {
    public Page {
        items = List.copyOf(items);
    }

    /** The same page with each item mapped. */
    public <U> Page<U> map(Function<? super T, ? extends U> mapping) {
        return new Page<>(items.stream().<U>map(mapping).toList(), next);
    }
}
