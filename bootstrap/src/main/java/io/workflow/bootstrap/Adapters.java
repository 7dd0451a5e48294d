package io.workflow.bootstrap;

import io.workflow.domain.port.Cache;
import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;

import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The driven side of one mode: the ports, then the dispatcher and the run consumer, which need the
 * worker's use case and so come after it. Everything opened is registered with the {@link Closer}
 * the implementation was given.
 */
interface Adapters {

    WorkflowRepository workflows();

    RunRepository runs();

    Cache<Workflow> workflowCache();

    Cache<Run> runCache();

    RunCompletionPublisher completions();

    /** The dispatcher that hands triggered runs to {@code execute} (directly, or through a queue). */
    RunDispatcher dispatcher(Function<UUID, ?> execute);

    /** Starts consuming dispatched runs in this process, if the mode has a separate consumer. */
    void consumeRuns(Function<UUID, ?> execute);

    /** Readiness checks by name: each answers whether its dependency is reachable now. */
    Map<String, BooleanSupplier> readinessChecks();
}
