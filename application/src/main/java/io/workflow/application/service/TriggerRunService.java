package io.workflow.application.service;

import io.workflow.application.GetWorkflow;
import io.workflow.application.TriggerRun;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.PayloadContract;
import io.workflow.domain.workflow.Workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a run of a workflow whose payload gives what the workflow's placeholders need: stores it pending, caches it, hands it to the dispatcher. When the
 * hand-over fails the run is marked failed at once, so it neither stays pending nor runs behind
 * the back of a client that was told it did not start.
 */
public final class TriggerRunService implements TriggerRun {
    private static final Logger LOG = Logger.getLogger(TriggerRunService.class.getName());

    private final GetWorkflow workflows;
    private final RunRepository runs;
    private final RunDispatcher dispatcher;
    private final CacheAside<Run> cache;
    private final Clock clock;

    public TriggerRunService(GetWorkflow workflows, RunRepository runs, RunDispatcher dispatcher, CacheAside<Run> cache, Clock clock) {
        this.workflows = workflows;
        this.runs = runs;
        this.dispatcher = dispatcher;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Run trigger(Command command) {
        Workflow workflow = workflows.get(command.tenant(), command.workflowId()).requireActive();
        requireFitting(workflow, command.payload());
        Instant now = clock.instant();
        Run run = Run.pending(TimeOrderedIds.next(now), command.workflowId(), command.payload(), now, command.tenant(),
                workflow.version());
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

    /**
     * Checked before anything is stored: a payload its placeholders cannot resolve would only fail a
     * step later, and one that breaks the workflow's declared schema is refused as its author asked.
     * Every violation of the declared schema is listed, then the placeholders' needs.
     */
    private static void requireFitting(Workflow workflow, Map<String, ?> payload) {
        PayloadContract contract = PayloadContract.of(workflow.steps());
        if (workflow.payloadSchema() == null) {
            contract.requireSatisfiedBy(payload);
            return;
        }
        List<String> problems = new ArrayList<>(workflow.payloadSchema().violations(payload));
        if (!problems.isEmpty()) {
            contract.problems(payload).forEach(problem -> problems.add("$." + problem.substring("payload.".length())));
            throw new InvalidInputException("payload", "does not satisfy the workflow's payload_schema: " + String.join("; ", problems));
        }
        contract.requireSatisfiedBy(payload);
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
