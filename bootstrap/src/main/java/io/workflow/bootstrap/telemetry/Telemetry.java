package io.workflow.bootstrap.telemetry;

import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.http.Filter;
import io.workflow.application.ExecuteRun;
import io.workflow.application.RunExecutionScope;
import io.workflow.domain.port.Cache;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the composition root wraps to observe the service from the outside: the driven ports
 * (runs, caches, step execution), the HTTP routing (request ids, request metrics) and the worker's
 * hand-off of a run (its log context). With metrics off nothing is counted or timed, but request
 * ids, the run's log lines and webhook trace headers stay: they cost next to nothing and are how a
 * run is followed.
 */
public final class Telemetry {
    private final Meters meters;
    private final WorkflowLabel workflowLabel = new WorkflowLabel();

    private Telemetry(Meters meters) {
        this.meters = meters;
    }

    /** Metrics in the global registry, the one {@code /observe/metrics} exports; or none. */
    public static Telemetry create(boolean metrics) {
        return new Telemetry(metrics ? new Meters(Metrics.globalRegistry()) : null);
    }

    /** The run repository and the workflow cache as {@link #observe} returns them. */
    public record ObservedRuns(RunRepository runs, Cache<Workflow> workflowCache) {
    }

    /**
     * The run repository, counted and logged, and the workflow cache, its reads counted. Where runs
     * are executed ({@code executesRuns}), each workflow the cache hands out or takes in is kept for
     * labelling its runs' step results by type, so a worker, which has just read the workflow through
     * the cache to run it, reads it no second time for that. Elsewhere (the API, whose only step
     * results are a cancel's) that would be work on every cached read for nothing: a version is read
     * when a step result needs it, from the cache, else the store.
     */
    public ObservedRuns observe(RunRepository runs, WorkflowRepository workflows, Cache<Workflow> workflowCache,
                                boolean executesRuns) {
        StepTypes stepTypes = new StepTypes(workflows, workflowCache);
        Cache<Workflow> metered = cache(workflowCache, "workflow");
        return new ObservedRuns(
                new ObservedRunRepository(runs, meters == null ? null : new RunMetrics(meters, workflowLabel), stepTypes),
                executesRuns ? stepTypes.remembering(metered) : metered);
    }

    /** The cache, its reads counted under {@code cache="<name>"}. */
    public <V> Cache<V> cache(Cache<V> cache, String name) {
        return meters == null ? cache : new MeteredCache<>(cache, meters, name);
    }

    public StepExecutor steps(StepExecutor steps) {
        return new ObservedStepExecutor(steps, meters);
    }

    public ExecuteRun execution(ExecuteRun execute) {
        return new RunExecutionContext(execute);
    }

    /** What the engine puts around each run it performs: the run's fields on its log lines. */
    public RunExecutionScope runScope() {
        return RunExecutionContext.SCOPE;
    }

    /** The filters to run first on every request, outermost first. */
    public List<Filter> httpFilters() {
        return meters == null ? List.of(new RequestIds()) : List.of(new RequestIds(), new HttpRequestMetrics(meters));
    }

    /** The meters, for gauges of the adapters; empty when metrics are off. */
    public Optional<Meters> meters() {
        return Optional.ofNullable(meters);
    }

    /** Registers a gauge when metrics are on; closing the handle removes it. */
    public AutoCloseable gauge(String name, String description, Supplier<Number> value, String... labels) {
        return meters == null ? () -> { } : meters.gauge(name, description, value, labels);
    }
}
