package io.workflow.adapters.memory;

import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.SigningSecrets;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Workflows in a concurrent map, with an index by position (creation time, uuid) for listing newest
 * first, and every version of each in a list indexed by version number less one.
 */
public final class InMemoryWorkflowRepository implements WorkflowRepository {
    private static final Comparator<Cursor> NEWEST_FIRST = Comparator.<Cursor>naturalOrder().reversed();

    private final Map<UUID, Workflow> workflows = new ConcurrentHashMap<>();
    private final NavigableMap<Cursor, UUID> newestFirst = new ConcurrentSkipListMap<>(NEWEST_FIRST);
    private final Map<UUID, List<Workflow>> versions = new ConcurrentHashMap<>();
    private final InMemorySigningSecretRepository signingSecrets;

    /** Keeps the secrets {@link #save(Workflow, SigningSecrets)} is given where nothing reads them: for tests of everything else. */
    public InMemoryWorkflowRepository() {
        this(new InMemorySigningSecretRepository());
    }

    /** {@code signingSecrets}: where {@link #save(Workflow, SigningSecrets)} keeps a new workflow's secrets. */
    public InMemoryWorkflowRepository(InMemorySigningSecretRepository signingSecrets) {
        this.signingSecrets = signingSecrets;
    }

    @Override
    public void save(Workflow workflow) {
        if (workflows.putIfAbsent(workflow.uuid(), workflow) != null) {
            throw new IllegalStateException("workflow " + workflow.uuid() + " already exists");
        }
        versions.put(workflow.uuid(), new CopyOnWriteArrayList<>(List.of(workflow)));
        newestFirst.put(positionOf(workflow), workflow.uuid());
    }

    /** The workflow first: one that exists already is refused before its secrets could be replaced. */
    @Override
    public void save(Workflow workflow, SigningSecrets secrets) {
        Objects.requireNonNull(secrets, "secrets");
        save(workflow);
        signingSecrets.save(workflow.uuid(), secrets);
    }

    @Override
    public Optional<Workflow> revise(Workflow revised, Instant at) {
        // computeIfPresent runs under the entry's lock: concurrent revisions of one workflow take turns.
        Workflow stored = workflows.computeIfPresent(revised.uuid(), (key, current) -> {
            if (current.isArchived()) {
                return current;
            }
            Workflow next = revised.asVersion(current.version() + 1);
            versions.get(key).add(next);
            return next;
        });
        return Optional.ofNullable(stored).filter(workflow -> !workflow.isArchived());
    }

    @Override
    public Optional<Workflow> findVersion(UUID uuid, int version) {
        List<Workflow> all = versions.getOrDefault(uuid, List.of());
        Workflow current = workflows.get(uuid);
        if (version < 1 || version > all.size() || current == null) {
            return Optional.empty();
        }
        // The archive mark belongs to the workflow, not to one version: every version shows it.
        Workflow found = all.get(version - 1);
        return Optional.of(current.isArchived() ? found.archive(current.archivedAt()) : found);
    }

    @Override
    public Page<Workflow> versions(UUID uuid, PageRequest page) {
        int below = page.after() == null ? Integer.MAX_VALUE : WorkflowRepository.versionAfter(page.after());
        int newest = Math.min(versions.getOrDefault(uuid, List.of()).size(), below - 1);
        List<Workflow> items = new ArrayList<>();
        long pageBytes = 0;
        for (int version = newest; version >= 1; version--) {
            Workflow workflow = findVersion(uuid, version).orElseThrow();
            long bytes = RunSizes.of(workflow);
            if (items.size() == page.limit() || !page.fits(items.size(), pageBytes, bytes)) {
                return new Page<>(items, WorkflowRepository.versionCursor(uuid, items.getLast().version()));
            }
            items.add(workflow);
            pageBytes += bytes;
        }
        return new Page<>(items, null);
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
