package io.workflow.domain.page;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A position in a newest-first listing: the last item's creation time and id (ties broken by id). */
public record Cursor(Instant createdAt, UUID id) {
    public Cursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }
}
