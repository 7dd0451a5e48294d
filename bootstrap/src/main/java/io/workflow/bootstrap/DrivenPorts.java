package io.workflow.bootstrap;

import io.workflow.adapters.memory.InMemoryDeadLetterRepository;
import io.workflow.application.ExecuteRun;
import io.workflow.domain.port.DeadLetterRepository;
import io.workflow.domain.port.ApiKeyRepository;
import io.workflow.domain.port.Cache;
import io.workflow.domain.port.IdempotencyKeys;
import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The driven side of one mode, built whole by {@link EmbeddedPorts#open} or {@link StackPorts#open}.
 * Everything they opened is registered with the {@link Closer} they were given.
 *
 * @param intake          how dispatched runs reach this process's {@link ExecuteRun}, once started
 * @param readinessChecks by dependency name, in the order they are reported: each answers whether it is reachable now
 */
record DrivenPorts(WorkflowRepository workflows, RunRepository runs, Cache<Workflow> workflowCache, Cache<Run> runCache,
                   RunDispatcher dispatcher, RunCompletionPublisher completions, RunIntake intake,
                   Map<String, BooleanSupplier> readinessChecks, SigningSecretRepository signingSecrets, IdempotencyKeys idempotencyKeys,
                   ApiKeyRepository apiKeys, DeadLetterRepository deadLetters) {

    DrivenPorts {
        Objects.requireNonNull(workflows, "workflows");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(workflowCache, "workflowCache");
        Objects.requireNonNull(runCache, "runCache");
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(completions, "completions");
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(signingSecrets, "signingSecrets");
        Objects.requireNonNull(idempotencyKeys, "idempotencyKeys");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(deadLetters, "deadLetters");
        readinessChecks = Collections.unmodifiableMap(new LinkedHashMap<>(readinessChecks));
    }

    /** The ports with dead letters kept in memory: nothing in this process records any. */
    DrivenPorts(WorkflowRepository workflows, RunRepository runs, Cache<Workflow> workflowCache, Cache<Run> runCache,
                RunDispatcher dispatcher, RunCompletionPublisher completions, RunIntake intake,
                Map<String, BooleanSupplier> readinessChecks, SigningSecretRepository signingSecrets, IdempotencyKeys idempotencyKeys,
                ApiKeyRepository apiKeys) {
        this(workflows, runs, workflowCache, runCache, dispatcher, completions, intake, readinessChecks, signingSecrets,
                idempotencyKeys, apiKeys, new InMemoryDeadLetterRepository());
    }

    /** Starts delivering dispatched runs to {@code execute} in this process (a worker's job). */
    @FunctionalInterface
    interface RunIntake {
        void start(ExecuteRun execute);
    }
}
