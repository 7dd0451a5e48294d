package io.workflow.bootstrap;

import io.workflow.adapters.memory.InMemoryApiKeyRepository;
import io.workflow.adapters.memory.InMemoryCache;
import io.workflow.adapters.memory.InMemoryIdempotencyKeys;
import io.workflow.adapters.memory.InMemoryRunRepository;
import io.workflow.adapters.memory.InMemorySigningSecretRepository;
import io.workflow.adapters.memory.InMemoryWorkflowRepository;
import io.workflow.adapters.memory.InProcessRunDispatcher;
import io.workflow.adapters.memory.LoggingCompletionPublisher;
import io.workflow.bootstrap.telemetry.RequestIds;

import java.time.Clock;
import java.util.Map;

/** The embedded mode: everything in this process's memory, runs executed in-process. No external server. */
final class EmbeddedPorts {

    private EmbeddedPorts() {
    }

    static DrivenPorts open(Settings settings, Clock clock, Closer closer) {
        InProcessRunDispatcher dispatcher = new InProcessRunDispatcher(settings.worker().concurrency(), RequestIds.CORRELATION);
        // Registered when started, after what the runs use (the step executors): closed first, it lets runs in flight finish.
        DrivenPorts.RunIntake intake = execute -> closer.register(dispatcher).start(execute::execute);
        InMemorySigningSecretRepository signingSecrets = new InMemorySigningSecretRepository();
        return new DrivenPorts(new InMemoryWorkflowRepository(signingSecrets), new InMemoryRunRepository(),
                new InMemoryCache<>(clock, settings.cacheMaxEntries()), new InMemoryCache<>(clock, settings.cacheMaxEntries()),
                dispatcher, new LoggingCompletionPublisher(), intake, Map.of(), signingSecrets, new InMemoryIdempotencyKeys(),
                new InMemoryApiKeyRepository());
    }
}
