package io.workflow.adapters.http;

import io.workflow.application.CancelRun;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.GetRun;
import io.workflow.application.GetWorkflow;
import io.workflow.application.GetWorkflowVersion;
import io.workflow.application.ListWorkflowVersions;
import io.workflow.application.ReviseWorkflow;
import io.workflow.application.ListRuns;
import io.workflow.application.RetryRun;
import io.workflow.application.TriggerRun;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.timeline.RunTimeline;
import io.workflow.domain.workflow.Workflow;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The input ports the HTTP adapter drives, stubbed: each remembers what reached it, so a test sees
 * what the adapter made of a request (and that a rejected request reached nothing). Reset between tests.
 */
final class StubUseCases {
    final Map<UUID, Workflow> workflows = new ConcurrentHashMap<>();
    final Map<UUID, Run> runs = new ConcurrentHashMap<>();
    final List<RunQuery> listQueries = new CopyOnWriteArrayList<>();
    volatile HttpApi.DeadLetterUseCases deadLetters = HttpApi.DeadLetterUseCases.NONE;
    /** Every version of each workflow, oldest first: what revisions reached. */
    final Map<UUID, List<Workflow>> versions = new ConcurrentHashMap<>();
    volatile RuntimeException createFailure;
    volatile RuntimeException triggerFailure;
    volatile RuntimeException readFailure;

    void reset() {
        workflows.clear();
        runs.clear();
        listQueries.clear();
        versions.clear();
        createFailure = null;
        triggerFailure = null;
        readFailure = null;
        deadLetters = HttpApi.DeadLetterUseCases.NONE;
    }

    HttpApi.UseCases useCases() {
        CreateWorkflow create = command -> {
            throwIfSet(createFailure);
            Instant now = Instant.now();
            Workflow workflow = new Workflow(TimeOrderedIds.next(now), command.clientId(), command.name(),
                    command.description(), command.steps(), now, command.retry(), command.timeout(), null, command.tenant(),
                    1, command.payloadSchema());
            workflows.put(workflow.uuid(), workflow);
            versions.put(workflow.uuid(), new CopyOnWriteArrayList<>(List.of(workflow)));
            return workflow;
        };
        GetWorkflow getWorkflow = uuid -> {
            throwIfSet(readFailure);
            return find(workflows, uuid, "workflow");
        };
        TriggerRun trigger = command -> {
            getWorkflow.get(command.workflowId());
            throwIfSet(triggerFailure);
            Instant now = Instant.now();
            Run run = Run.pending(TimeOrderedIds.next(now), command.workflowId(), command.payload(), now, command.tenant(),
                    getWorkflow.get(command.workflowId()).version());
            runs.put(run.id(), run);
            return run;
        };
        GetRun getRun = new GetRun() {
            @Override
            public Run get(UUID id) {
                throwIfSet(readFailure);
                return find(runs, id, "run");
            }

            @Override
            public Optional<RunTimeline> timeline(Run run) {
                return Optional.ofNullable(workflows.get(run.workflowId()))
                        .map(workflow -> RunTimeline.of(run, workflow, Instant.now()));
            }
        };
        ListRuns list = query -> {
            throwIfSet(readFailure);
            listQueries.add(query);
            return listed(query);
        };
        // The run's own rules decide (an illegal change throws), as the real use case does.
        // Another tenant's run is not found, as GetRun.get(tenant, id) says.
        CancelRun cancel = (tenant, id) -> runs.compute(id, (key, run) -> cancelled(getRun.get(tenant, id)));
        RetryRun retry = (tenant, id) -> runs.compute(id, (key, run) -> getRun.get(tenant, id).retry());
        HttpApi.UseCases seed = new HttpApi.UseCases(create, getWorkflow, trigger, getRun, list, cancel, retry);
        // Read at each request, so a test can set the dead letters' use cases after the server started.
        HttpApi.DeadLetterUseCases letters = new HttpApi.DeadLetterUseCases(
                (page, tenant) -> deadLetters.list().list(page, tenant),
                (id, tenant) -> deadLetters.redrive().redrive(id, tenant),
                (id, tenant) -> deadLetters.delete().delete(id, tenant));
        ReviseWorkflow revise = (tenant, uuid, command) -> {
            Workflow current = getWorkflow.get(tenant, uuid).requireActive();
            Workflow next = new Workflow(uuid, command.clientId(), command.name(), command.description(), command.steps(),
                    current.createdAt(), command.retry(), command.timeout(), null, current.tenant(), current.version() + 1,
                    command.payloadSchema());
            workflows.put(uuid, next);
            versions.get(uuid).add(next);
            return next;
        };
        ListWorkflowVersions listVersions = (tenant, uuid, page) -> {
            getWorkflow.get(tenant, uuid);
            List<Workflow> newestFirst = versions.get(uuid).reversed();
            return new Page<>(newestFirst.subList(0, Math.min(page.limit(), newestFirst.size())), null);
        };
        GetWorkflowVersion getVersion = (tenant, uuid, version) -> {
            getWorkflow.get(tenant, uuid);
            List<Workflow> all = versions.get(uuid);
            if (version < 1 || version > all.size()) {
                throw new NotFoundException("workflow version", version);
            }
            return all.get(version - 1);
        };
        return new HttpApi.UseCases(create, getWorkflow, trigger, getRun, list, cancel, retry, seed.rotateSigningSecret(),
                seed.runIdempotently(), seed.listWorkflows(), seed.archiveWorkflow(), letters, revise, listVersions, getVersion);
    }

    private static Run cancelled(Run run) {
        return run.status() == RunStatus.CANCELLED ? run : run.cancel(Instant.now());
    }

    /** The stored runs the query selects, a page at a time: just enough of a listing to walk through. */
    private Page<Run> listed(RunQuery query) {
        Cursor after = query.page().after();
        Comparator<Cursor> order = query.order().positions();
        List<Run> matching = runs.values().stream()
                .filter(run -> query.status() == null || run.status() == query.status())
                .filter(run -> query.workflowId() == null || run.workflowId().equals(query.workflowId()))
                .filter(run -> query.createdWithin(run.createdAt()))
                .filter(run -> after == null || order.compare(new Cursor(run.createdAt(), run.id()), after) > 0)
                .sorted(Comparator.comparing((Run run) -> new Cursor(run.createdAt(), run.id()), order))
                .toList();
        int limit = query.page().limit();
        if (matching.size() <= limit) {
            return new Page<>(matching, null);
        }
        Run last = matching.get(limit - 1);
        return new Page<>(matching.subList(0, limit), new Cursor(last.createdAt(), last.id()));
    }

    private static <V> V find(Map<UUID, V> values, UUID id, String what) {
        return Optional.ofNullable(values.get(id)).orElseThrow(() -> new NotFoundException(what, id));
    }

    private static void throwIfSet(RuntimeException failure) {
        if (failure != null) {
            throw failure;
        }
    }

    /** A failure without a stack trace, so the server's log of it stays one line in the test output. */
    static final class Outage extends RuntimeException {
        Outage(String message) {
            super(message, null, false, false);
        }
    }
}
