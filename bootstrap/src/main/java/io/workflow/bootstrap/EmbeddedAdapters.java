package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.workflow.adapters.memory.InMemoryCache;
import io.workflow.adapters.memory.InMemoryRunRepository;
import io.workflow.adapters.memory.InMemoryWorkflowRepository;
import io.workflow.adapters.memory.InProcessRunDispatcher;
import io.workflow.adapters.memory.LoggingCompletionPublisher;
import io.workflow.domain.port.Cache;
import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** Everything in this process's memory: no external server. */
final class EmbeddedAdapters implements Adapters {
    private final int concurrency;
    private final Closer closer;
    private final WorkflowRepository workflows = new InMemoryWorkflowRepository();
    private final RunRepository runs = new InMemoryRunRepository();
    private final Cache<Workflow> workflowCache;
    private final Cache<Run> runCache;
    private final RunCompletionPublisher completions = new LoggingCompletionPublisher();

    EmbeddedAdapters(Config config, Clock clock, Closer closer) {
        this.concurrency = config.get("worker.concurrency").asInt().orElse(512);
        this.closer = closer;
        int maxEntries = config.get("cache.memory.max.entries").asInt().orElse(100_000);
        this.workflowCache = new InMemoryCache<>(clock, maxEntries);
        this.runCache = new InMemoryCache<>(clock, maxEntries);
    }

    @Override
    public WorkflowRepository workflows() {
        return workflows;
    }

    @Override
    public RunRepository runs() {
        return runs;
    }

    @Override
    public Cache<Workflow> workflowCache() {
        return workflowCache;
    }

    @Override
    public Cache<Run> runCache() {
        return runCache;
    }

    @Override
    public RunCompletionPublisher completions() {
        return completions;
    }

    @Override
    public RunDispatcher dispatcher(Function<UUID, ?> execute) {
        return closer.register(new InProcessRunDispatcher(execute::apply, concurrency));
    }

    @Override
    public void consumeRuns(Function<UUID, ?> execute) {
        // The in-process dispatcher executes runs itself.
    }

    @Override
    public Map<String, BooleanSupplier> readinessChecks() {
        return Map.of();
    }
}
