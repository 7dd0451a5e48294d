package io.workflow.application;

import io.workflow.domain.DocumentFields;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a run of a workflow: stores it pending, caches it, hands it to the dispatcher. When the
 * hand-over fails the run is marked failed at once, so it neither stays pending nor runs behind
 * the back of a client that was told it did not start.
 */
public final class TriggerRun {
    private static final Logger LOG = Logger.getLogger(TriggerRun.class.getName());

    private final GetWorkflow workflows;
    private final RunRepository runs;
    private final RunDispatcher dispatcher;
    private final CacheAside<Run> cache;
    private final Clock clock;

    public TriggerRun(GetWorkflow workflows, RunRepository runs, RunDispatcher dispatcher, CacheAside<Run> cache, Clock clock) {
        this.workflows = workflows;
        this.runs = runs;
        this.dispatcher = dispatcher;
        this.cache = cache;
        this.clock = clock;
    }

    /** A validated trigger request. */
    public record Command(UUID workflowId, Object payload) {

        /** Reads {@code {"workflow_id": "<uuid>", "payload": {...}?}}. */
        public static Command fromRequest(Object body) {
            DocumentFields fields = DocumentFields.of(body, "");
            UUID workflowId = fields.requiredUuid("workflow_id");
            Object payload = fields.value("payload");
            if (payload != null && !(payload instanceof Map<?, ?>)) {
                throw new InvalidInputException("payload", "must be a JSON object");
            }
            return new Command(workflowId, payload == null ? Map.of() : payload);
        }
    }

    /** Triggers a run; {@link io.workflow.domain.NotFoundException} for an unknown workflow, {@link DispatchException} when it could not start. */
    public Run trigger(Command command) {
        workflows.get(command.workflowId());
        Instant now = clock.instant();
        Run run = Run.pending(TimeOrderedIds.next(now), command.workflowId(), command.payload(), now);
        runs.insert(run);
        cache.written(run.id(), run);
        try {
            dispatcher.dispatch(run);
        } catch (DispatchException e) {
            abandon(run, e);
            throw e;
        }
        return run;
    }

    private void abandon(Run run, DispatchException cause) {
        try {
            runs.compareAndSet(run, run.fail(clock.instant(), "could not be dispatched: " + cause.getMessage()));
        } catch (RuntimeException e) {
            // The run stays pending; the stranded-run sweeper will dispatch it later.
            LOG.log(Level.WARNING, "run " + run.id() + " left pending after a failed dispatch", e);
        } finally {
            cache.changed(run.id());
        }
    }
}
