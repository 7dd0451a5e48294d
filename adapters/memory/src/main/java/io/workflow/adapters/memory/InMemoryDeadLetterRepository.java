package io.workflow.adapters.memory;

import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.DeadLetterRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Dead letters in a concurrent map, indexed newest first for keyset pagination and by source
 * position so a redelivered record is kept once. The embedded mode dispatches runs in-process and
 * reads no events, so there it stays empty; tests fill it.
 */
public final class InMemoryDeadLetterRepository implements DeadLetterRepository {
    private static final Comparator<Cursor> NEWEST_FIRST = Comparator.<Cursor>naturalOrder().reversed();

    private record Position(String source, int partition, long offset) {
    }

    private final Map<UUID, DeadLetter> letters = new ConcurrentHashMap<>();
    private final Map<Position, UUID> byPosition = new ConcurrentHashMap<>();
    private final NavigableMap<Cursor, UUID> newestFirst = new ConcurrentSkipListMap<>(NEWEST_FIRST);

    @Override
    public boolean record(DeadLetter letter) {
        Position position = new Position(letter.source(), letter.partition(), letter.offset());
        if (byPosition.putIfAbsent(position, letter.id()) != null) {
            return false;
        }
        letters.put(letter.id(), letter);
        newestFirst.put(positionOf(letter), letter.id());
        return true;
    }

    @Override
    public Optional<DeadLetter> findById(UUID id) {
        return Optional.ofNullable(letters.get(id));
    }

    @Override
    public Page<DeadLetter> list(PageRequest page, String tenant) {
        NavigableMap<Cursor, UUID> from = page.after() == null ? newestFirst : newestFirst.tailMap(page.after(), false);
        List<DeadLetter> items = new ArrayList<>(Math.min(page.limit(), 64));
        boolean more = false;
        for (UUID id : from.values()) {
            DeadLetter letter = letters.get(id);
            if (letter == null || !letter.visibleTo(tenant)) {
                continue;
            }
            if (items.size() == page.limit()) {
                more = true;
                break;
            }
            items.add(letter);
        }
        return new Page<>(items, more ? positionOf(items.getLast()) : null);
    }

    @Override
    public boolean markRedriven(UUID id, Instant at) {
        boolean[] marked = {false};
        letters.computeIfPresent(id, (key, letter) -> {
            if (letter.redrivenAt() != null) {
                return letter;
            }
            marked[0] = true;
            return letter.redriven(at);
        });
        return marked[0];
    }

    @Override
    public boolean delete(UUID id) {
        DeadLetter removed = letters.remove(id);
        if (removed == null) {
            return false;
        }
        newestFirst.remove(positionOf(removed));
        byPosition.remove(new Position(removed.source(), removed.partition(), removed.offset()));
        return true;
    }

    private static Cursor positionOf(DeadLetter letter) {
        return new Cursor(letter.recordedAt(), letter.id());
    }
}
