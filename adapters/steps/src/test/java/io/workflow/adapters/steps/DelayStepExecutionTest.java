package io.workflow.adapters.steps;

import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.workflow.DelayStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DelayStepExecutionTest {
    private final StepExecutors steps = new StepExecutors(new WebhookSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 64 * 1024));
    private final RunContext context = RunContext.of(Map.of(), Map.of());

    @AfterEach
    void close() {
        steps.close();
    }

    @Test
    void givenFiftyMilliseconds_delay_waitsAtLeastThatLongAndReportsTheSeconds() {
        long started = System.nanoTime();

        StepOutcome outcome = steps.execute(new DelayStep("wait", Duration.ofMillis(50)), context);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(outcome).isEqualTo(new StepOutcome.Succeeded(Map.of("delayed_seconds", 0.05)));
    }

    @Test
    void givenWholeSeconds_delay_reportsAWholeNumber() {
        StepOutcome outcome = steps.execute(new DelayStep("wait", Duration.ofSeconds(1)), context);

        assertThat(outcome).isEqualTo(new StepOutcome.Succeeded(Map.of("delayed_seconds", 1L)));
    }

    @Test
    void givenInterruptDuringTheWait_delay_failsAndKeepsTheThreadInterrupted() throws InterruptedException {
        AtomicReference<StepOutcome> outcome = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread worker = Thread.ofVirtual().start(() -> {
            outcome.set(steps.execute(new DelayStep("wait", Duration.ofSeconds(10)), context));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        Thread.sleep(50);
        long interruptedAt = System.nanoTime();

        worker.interrupt();
        worker.join(Duration.ofSeconds(2));

        assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(outcome.get()).isEqualTo(new StepOutcome.Failed("interrupted", null));
        assertThat(stillInterrupted).isTrue();
    }
}
