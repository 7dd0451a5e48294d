package io.workflow.adapters.memory;

import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

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

/** Workflows in a concurrent map, with an index by position (creation time, uuid) for listing newest first. */
public final class InMemoryWorkflowRepository implements WorkflowRepository {
    private static final Comparator<Cursor> NEWEST_FIRST = Comparator.<Cursor>naturalOrder().reversed();

    private final Map<UUID, Workflow> workflows = new ConcurrentHashMap<>();
    private final NavigableMap<Cursor, UUID> newestFirst = new ConcurrentSkipListMap<>(NEWEST_FIRST);

    @Override
    public void save(Workflow workflow) {
        if (workflows.putIfAbsent(workflow.uuid(), workflow) != null) {
            throw new IllegalStateException("workflow " + workflow.uuid() + " already exists");
        }
        newestFirst.put(positionOf(workflow), workflow.uuid());
    }

    @Override
    public Optional<Workflow> findById(UUID uuid) {
        return Optional.ofNullable(workflows.get(uuid));
    }

    @Override
    public Page<Workflow> list(WorkflowQuery query) {
        PageRequest page = query.page();
        NavigableMap<Cursor, UUID> from = page.after() == null ? newestFirst : newestFirst.tailMap(page.after(), false);
        List<Workflow> items = new ArrayList<>(Math.min(page.limit(), 64));
        long pageBytes = 0;
        boolean more = false;
        for (UUID uuid : from.values()) {
            Workflow workflow = workflows.get(uuid);
            if (workflow == null || workflow.isArchived() || !workflow.tenant().equals(query.tenant())
                    || (query.name() != null && !query.name().equals(workflow.name()))) {
                continue;
            }
            long bytes = RunSizes.of(workflow);
            if (items.size() == page.limit() || !page.fits(items.size(), pageBytes, bytes)) {
                more = true;
                break;
            }
            items.add(workflow);
            pageBytes += bytes;
        }
        return new Page<>(items, more ? positionOf(items.getLast()) : null);
    }

    @Override
    public Optional<Workflow> archive(UUID uuid, Instant at) {
        return Optional.ofNullable(workflows.computeIfPresent(uuid, (key, workflow) -> workflow.archive(at)));
    }

    private static Cursor positionOf(Workflow workflow) {
        return new Cursor(workflow.createdAt(), workflow.uuid());
    }
}
