package io.workflow.adapters.memory;

import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.ListOrder;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Runs in a concurrent map, with a second index ordered newest first for keyset pagination (walked
 * backwards for an oldest-first listing).
 * Compare-and-set goes through {@link ConcurrentHashMap#compute}, which is atomic per key.
 */
public final class InMemoryRunRepository implements RunRepository {
    private static final Comparator<Cursor> NEWEST_FIRST = Comparator.<Cursor>naturalOrder().reversed();

    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();
    private final NavigableMap<Cursor, UUID> newestFirst = new ConcurrentSkipListMap<>(NEWEST_FIRST);

    @Override
    public void insert(Run run) {
        if (runs.putIfAbsent(run.id(), run) != null) {
            throw new IllegalStateException("run " + run.id() + " already exists");
        }
        newestFirst.put(positionOf(run), run.id());
    }

    @Override
    public Optional<Run> findById(UUID id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public Page<Run> list(RunQuery query) {
        PageRequest page = query.page();
        NavigableMap<Cursor, UUID> walk = query.order() == ListOrder.OLDEST_FIRST ? newestFirst.descendingMap() : newestFirst;
        NavigableMap<Cursor, UUID> from = page.after() == null ? walk : walk.tailMap(page.after(), false);
        List<Run> items = new ArrayList<>(Math.min(page.limit(), 64));
        long pageBytes = 0;
        boolean more = false;
        for (UUID id : from.values()) {
            Run run = runs.get(id);
            if (run == null || !query.selects(run)) {
                continue;
            }
            long runBytes = RunSizes.of(run);
            if (items.size() == page.limit() || !page.fits(items.size(), pageBytes, runBytes)) {
                more = true;
                break;
            }
            items.add(run);
            pageBytes += runBytes;
        }
        Cursor next = more ? positionOf(items.getLast()) : null;
        return new Page<>(items, next);
    }

    @Override
    public boolean compareAndSet(Run expected, Run next) {
        boolean[] replaced = {false};
        runs.computeIfPresent(expected.id(), (id, stored) -> {
            if (stored.status() == expected.status() && Objects.equals(stored.leaseExpiresAt(), expected.leaseExpiresAt())) {
                replaced[0] = true;
                return next;
            }
            return stored;
        });
        return replaced[0];
    }

    /** Atomic per run: the map's compute holds the run's entry while it decides. */
    @Override
    public Optional<Run> claim(UUID id, Instant now, Instant leaseUntil) {
        Run[] claimed = {null};
        runs.computeIfPresent(id, (key, stored) -> {
            if (!stored.isClaimable(now)) {
                return stored;
            }
            claimed[0] = stored.claim(now, leaseUntil);
            return claimed[0];
        });
        return Optional.ofNullable(claimed[0]);
    }

    @Override
    public List<Run> findStranded(Instant pendingBefore, Instant now, int limit) {
        return runs.values().stream()
                .filter(run -> (run.status() == RunStatus.PENDING && run.createdAt().isBefore(pendingBefore))
                        || (run.status() == RunStatus.RUNNING && run.leaseExpiresAt() != null && run.leaseExpiresAt().isBefore(now)))
                .sorted(Comparator.comparing(Run::createdAt))
                .limit(limit)
                .toList();
    }

    /** Scans every run: the embedded mode holds few live ones; PostgreSQL answers from an index. */
    @Override
    public List<Run> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<Run> due = runs.values().stream()
                .filter(run -> run.status() == RunStatus.RUNNING && run.leaseExpiresAt() != null
                        && run.leaseExpiresAt().isBefore(now))
                .sorted(Comparator.comparing(Run::leaseExpiresAt))
                .limit(limit)
                .toList();
        List<Run> claimed = new ArrayList<>(due.size());
        for (Run run : due) {
            Run held = run.claim(now, leaseUntil);
            if (compareAndSet(run, held)) {
                claimed.add(held);
            }
        }
        return claimed;
    }

    private static Cursor positionOf(Run run) {
        return new Cursor(run.createdAt(), run.id());
    }
}
