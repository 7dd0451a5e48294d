package io.workflow.domain.port.contract;

import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.run.Run;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link RunDispatcher} must do, together with whatever consumes what it dispatched:
 * hand every dispatched run over to execution at least once, and say so with a
 * {@link RunDispatcher.DispatchException} when it cannot take a run. One subclass per implementation.
 */
public abstract class RunDispatchContract {
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    /** A dispatcher whose runs reach {@code execute} (directly, or through its queue and consumer). */
    protected abstract RunDispatcher dispatcherExecutingWith(Consumer<UUID> execute);

    /** A dispatcher whose backend cannot take runs (shut down, or unreachable). */
    protected abstract RunDispatcher unavailableDispatcher();

    @Test
    void everyDispatchedRun_reachesExecution() throws InterruptedException {
        Set<UUID> executed = ConcurrentHashMap.newKeySet();
        RunDispatcher dispatcher = dispatcherExecutingWith(executed::add);
        Set<UUID> dispatched = new HashSet<>();
        UUID workflowId = UUID.randomUUID();
        for (int i = 0; i < 50; i++) {
            Run run = Fixtures.pendingRun(workflowId, Fixtures.now());
            dispatcher.dispatch(run);
            dispatched.add(run.id());
        }

        Instant deadline = Instant.now().plus(DELIVERY);
        while (!executed.containsAll(dispatched) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(executed).containsAll(dispatched);
    }

    @Test
    void aDispatcherThatCannotTakeTheRun_saysSo() {
        RunDispatcher dispatcher = unavailableDispatcher();
        Run run = Fixtures.pendingRun(UUID.randomUUID(), Fixtures.now());

        assertThatThrownBy(() -> dispatcher.dispatch(run)).isInstanceOf(RunDispatcher.DispatchException.class)
                .hasMessageNotContaining("null");
    }
}
