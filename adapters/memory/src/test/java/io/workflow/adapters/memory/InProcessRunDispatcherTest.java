package io.workflow.adapters.memory;

import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.contract.RunDispatchContract;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

class InProcessRunDispatcherTest extends RunDispatchContract {
    private final List<InProcessRunDispatcher> opened = new ArrayList<>();

    @Override
    protected RunDispatcher dispatcherExecutingWith(Consumer<UUID> execute) {
        InProcessRunDispatcher dispatcher = new InProcessRunDispatcher(execute, 8);
        opened.add(dispatcher);
        return dispatcher;
    }

    @Override
    protected RunDispatcher unavailableDispatcher() {
        InProcessRunDispatcher dispatcher = new InProcessRunDispatcher(id -> { }, 1);
        dispatcher.close();
        return dispatcher;
    }

    @AfterEach
    void close() {
        opened.forEach(InProcessRunDispatcher::close);
    }
}
