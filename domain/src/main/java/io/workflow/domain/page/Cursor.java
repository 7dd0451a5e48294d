package io.workflow.domain.page;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in a listing: an item's creation time and id. Positions are ordered by creation time,
 * ties broken by id; a newest-first listing walks them in reverse.
 */
public record Cursor(Instant createdAt, UUID id) implements Comparable<Cursor> {
    private static final Comparator<Cursor> ORDER = Comparator.comparing(Cursor::createdAt).thenComparing(Cursor::id);

    public Cursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public int compareTo(Cursor other) {
        return ORDER.compare(this, other);
    }
}
