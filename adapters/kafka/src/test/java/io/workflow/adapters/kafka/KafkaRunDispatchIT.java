package io.workflow.adapters.kafka;

import io.workflow.application.ExecuteRun;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.contract.RunDispatchContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** The dispatch contract over a real broker: the Kafka dispatcher, with a worker consuming its topic. */
class KafkaRunDispatchIT extends RunDispatchContract {
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void broker() {
        TestBroker.requireReachable();
    }

    @Override
    protected RunDispatcher dispatcherExecutingWith(Consumer<UUID> execute) {
        KafkaSettings settings = TestBroker.freshSettings("dispatch-contract", 3);
        opened.add(KafkaRunWorker.start(settings, runId -> {
            execute.accept(runId);
            return ExecuteRun.Outcome.EXECUTED;
        }));
        KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(settings);
        opened.add(dispatcher);
        return dispatcher;
    }

    @Override
    protected RunDispatcher unavailableDispatcher() {
        // A missing broker is no reason to refuse a run (it is stored, and queued until the broker is
        // back); a dispatcher that has shut down is.
        KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(TestBroker.settings("127.0.0.1:1", "nobody")
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        dispatcher.close();
        return dispatcher;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }
}
