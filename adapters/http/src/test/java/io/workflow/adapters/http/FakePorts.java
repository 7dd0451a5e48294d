package io.workflow.adapters.http;

import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.port.Cache;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hand-written stand-ins for the driven ports, just enough for the HTTP tests; reset between tests. */
final class FakePorts {
    final Map<UUID, Workflow> workflows = new ConcurrentHashMap<>();
    final Map<UUID, Run> runs = new ConcurrentHashMap<>();
    final List<Run> dispatched = new CopyOnWriteArrayList<>();
    volatile RuntimeException dispatchFailure;
    volatile RuntimeException workflowStoreFailure;

    void reset() {
        workflows.clear();
        runs.clear();
        dispatched.clear();
        dispatchFailure = null;
        workflowStoreFailure = null;
    }

    final WorkflowRepository workflowRepository = new WorkflowRepository() {
        @Override
        public void save(Workflow workflow) {
            failIfAsked();
            workflows.put(workflow.uuid(), workflow);
        }

        @Override
        public Optional<Workflow> findById(UUID uuid) {
            failIfAsked();
            return Optional.ofNullable(workflows.get(uuid));
        }

        private void failIfAsked() {
            if (workflowStoreFailure != null) {
                throw workflowStoreFailure;
            }
        }
    };

    final RunRepository runRepository = new RunRepository() {
        private static final Comparator<Run> NEWEST_FIRST =
                Comparator.comparing(Run::createdAt).thenComparing(Run::id).reversed();

        @Override
        public void insert(Run run) {
            runs.put(run.id(), run);
        }

        @Override
        public Optional<Run> findById(UUID id) {
            return Optional.ofNullable(runs.get(id));
        }

        @Override
        public Page<Run> list(RunQuery query) {
            Cursor after = query.page().after();
            List<Run> matching = runs.values().stream()
                    .filter(run -> query.status() == null || run.status() == query.status())
                    .filter(run -> query.workflowId() == null || run.workflowId().equals(query.workflowId()))
                    .filter(run -> after == null || isOlder(run, after))
                    .sorted(NEWEST_FIRST)
                    .toList();
            int limit = query.page().limit();
            if (matching.size() <= limit) {
                return new Page<>(matching, null);
            }
            List<Run> page = matching.subList(0, limit);
            Run last = page.getLast();
            return new Page<>(page, new Cursor(last.createdAt(), last.id()));
        }

        private static boolean isOlder(Run run, Cursor cursor) {
            int byTime = run.createdAt().compareTo(cursor.createdAt());
            return byTime < 0 || (byTime == 0 && run.id().compareTo(cursor.id()) < 0);
        }

        @Override
        public boolean compareAndSet(Run expected, Run next) {
            return runs.replace(expected.id(), expected, next);
        }

        @Override
        public List<Run> findStranded(Instant pendingBefore, Instant now, int limit) {
            return List.of();
        }
    };

    final RunDispatcher dispatcher = run -> {
        if (dispatchFailure != null) {
            throw dispatchFailure;
        }
        dispatched.add(run);
    };

    /** A failure without a stack trace, so the server's log of it stays one line in the test output. */
    static final class Outage extends RuntimeException {
        Outage(String message) {
            super(message, null, false, false);
        }
    }

    static <V> Cache<V> noCache() {
        return new Cache<>() {
            @Override
            public Optional<V> get(UUID id) {
                return Optional.empty();
            }

            @Override
            public void put(UUID id, V value, Duration ttl) {
            }

            @Override
            public void evict(UUID id) {
            }
        };
    }
}
