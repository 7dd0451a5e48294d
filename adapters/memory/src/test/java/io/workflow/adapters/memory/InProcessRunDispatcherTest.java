package io.workflow.adapters.memory;

import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.contract.Fixtures;
import io.workflow.domain.port.contract.RunDispatchContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

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

    @AfterEach
    void close() {
        opened.forEach(InProcessRunDispatcher::close);
    }
}
