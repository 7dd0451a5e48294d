package io.workflow.adapters.memory;

import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.contract.Fixtures;
import io.workflow.domain.port.contract.RunDispatchContract;
import io.workflow.domain.port.contract.ThreadRequestCorrelation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InProcessRunDispatcherTest extends RunDispatchContract {
    private final List<InProcessRunDispatcher> opened = new ArrayList<>();

    @Override
    protected RunDispatcher dispatcherExecutingWith(Consumer<UUID> execute) {
        InProcessRunDispatcher dispatcher = new InProcessRunDispatcher(8);
        opened.add(dispatcher);
        dispatcher.start(execute);
        return dispatcher;
    }

    @Override
    protected RunDispatcher unavailableDispatcher() {
        InProcessRunDispatcher dispatcher = new InProcessRunDispatcher(1);
        dispatcher.start(id -> { });
        dispatcher.close();
        return dispatcher;
    }

    @Test
    void givenNotStarted_dispatch_failsInsteadOfDroppingTheRun() {
        try (InProcessRunDispatcher dispatcher = new InProcessRunDispatcher(1)) {
            assertThatThrownBy(() -> dispatcher.dispatch(Fixtures.pendingRun(UUID.randomUUID(), Fixtures.now())))
                    .isInstanceOf(RunDispatcher.DispatchException.class)
                    .hasMessageContaining("not been started");
        }
    }

    @Test
    void theRequestThatDispatchedARun_isTheCurrentOne_whereTheRunExecutes() throws Exception {
        ThreadRequestCorrelation correlation = new ThreadRequestCorrelation();
        CompletableFuture<String> seen = new CompletableFuture<>();
        InProcessRunDispatcher dispatcher = new InProcessRunDispatcher(2, correlation);
        opened.add(dispatcher);
        dispatcher.start(runId -> seen.complete(correlation.current() + " on " + (Thread.currentThread().getName().startsWith("run-") ? "a run thread" : "another")));

        correlation.handling("req-42", () -> dispatcher.dispatch(Fixtures.pendingRun(UUID.randomUUID(), Fixtures.now())));

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("req-42 on a run thread");
    }

    @AfterEach
    void close() {
        opened.forEach(InProcessRunDispatcher::close);
    }
}
