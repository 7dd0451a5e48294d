package io.workflow.application.service;

import io.workflow.application.ExecuteRun;
import io.workflow.application.RecoverStrandedRuns;
import io.workflow.application.TriggerRun;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.workflow.application.service.MemoryWiring.T0;
import static org.assertj.core.api.Assertions.assertThat;

class RecoverStrandedRunsTest {
    private static final Duration GRACE = Duration.ofMinutes(1);

    private final MemoryWiring wiring = new MemoryWiring();
    private final TriggerRun trigger = wiring.triggerRun(run -> { });
    private final Workflow workflow = wiring.workflowOfDelays("only");
    private final List<Run> dispatchedAgain = new CopyOnWriteArrayList<>();

    private Run pending() {
        return trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));
    }

    /** A run a worker claimed until {@code leaseExpiresAt} and then abandoned (it died). */
    private Run runningUntil(Instant leaseExpiresAt) {
        Run pending = pending();
        Run running = pending.claim(wiring.clock.instant(), leaseExpiresAt);
        assertThat(wiring.runs.compareAndSet(pending, running)).isTrue();
        return running;
    }

    private static List<UUID> ids(List<Run> runs) {
        return runs.stream().map(Run::id).toList();
    }

    @Test
    void strandedPendingAndExpiredRunningRuns_areDispatchedAgain_freshAndLiveOnesAreNot() {
        Run oldPending = pending();
        Run expiredRunning = runningUntil(T0.plusSeconds(30));
        Run liveRunning = runningUntil(T0.plus(Duration.ofHours(1)));
        Run abandoned = pending();
        Run finished = abandoned.fail(T0, "could not be dispatched: test");
        assertThat(wiring.runs.compareAndSet(abandoned, finished)).isTrue();
        wiring.clock.advance(Duration.ofMinutes(5));
        Run freshPending = pending();
        wiring.clock.advance(Duration.ofSeconds(30));

        int count = wiring.recoverStrandedRuns(dispatchedAgain::add, GRACE).recover();

        assertThat(count).isEqualTo(2);
        assertThat(ids(dispatchedAgain)).containsExactlyInAnyOrder(oldPending.id(), expiredRunning.id());
        assertThat(ids(dispatchedAgain)).doesNotContain(freshPending.id(), liveRunning.id(), finished.id());
    }

    @Test
    void pendingRun_isLeftAloneUntilTheGracePeriodHasPassed() {
        Run run = pending();
        RecoverStrandedRuns recover = wiring.recoverStrandedRuns(dispatchedAgain::add, GRACE);

        wiring.clock.advance(GRACE);
        assertThat(recover.recover()).isZero();

        wiring.clock.advance(Duration.ofMillis(1));
        assertThat(recover.recover()).isEqualTo(1);
        assertThat(ids(dispatchedAgain)).containsExactly(run.id());
    }

    @Test
    void runningRun_isLeftAloneUntilItsLeaseHasExpired() {
        Run run = runningUntil(T0.plusSeconds(30));
        RecoverStrandedRuns recover = wiring.recoverStrandedRuns(dispatchedAgain::add, GRACE);

        wiring.clock.advance(Duration.ofSeconds(30));
        assertThat(recover.recover()).isZero();

        wiring.clock.advance(Duration.ofMillis(1));
        assertThat(recover.recover()).isEqualTo(1);
        assertThat(ids(dispatchedAgain)).containsExactly(run.id());
    }

    @Test
    void recoveredRuns_dispatchedToTheWorker_reachSuccess() {
        Run oldPending = pending();
        Run expiredRunning = runningUntil(T0.plusSeconds(30));
        wiring.clock.advance(Duration.ofMinutes(5));
        ExecuteRun execute = wiring.executeRun((step, context) -> new StepOutcome.Succeeded(null), run -> { });
        List<ExecuteRun.Outcome> outcomes = new CopyOnWriteArrayList<>();
        RunDispatcher worker = run -> outcomes.add(execute.execute(run.id()));

        assertThat(wiring.recoverStrandedRuns(worker, GRACE).recover()).isEqualTo(2);

        assertThat(outcomes).containsOnly(ExecuteRun.Outcome.EXECUTED);
        assertThat(wiring.getRun.get(oldPending.id()).status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(wiring.getRun.get(expiredRunning.id()).status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(wiring.recoverStrandedRuns(dispatchedAgain::add, GRACE).recover()).as("nothing left").isZero();
    }

    @Test
    void givenDispatcherThatFails_recover_stopsTheSweep_andReportsOnlyWhatWasDispatched() {
        pending();
        pending();
        pending();
        wiring.clock.advance(Duration.ofMinutes(5));
        List<Run> attempts = new CopyOnWriteArrayList<>();
        RunDispatcher failingOnSecond = run -> {
            attempts.add(run);
            if (attempts.size() == 2) {
                throw new DispatchException("broker down", null);
            }
        };

        int count = wiring.recoverStrandedRuns(failingOnSecond, GRACE).recover();

        assertThat(count).isEqualTo(1);
        assertThat(attempts).hasSize(2);
        assertThat(wiring.storedRuns()).extracting(Run::status).containsOnly(RunStatus.PENDING);
    }

    @Test
    void recover_dispatchesOldestFirst_atMostABatch() {
        Run first = pending();
        wiring.clock.advance(Duration.ofSeconds(1));
        Run second = pending();
        wiring.clock.advance(Duration.ofSeconds(1));
        pending();
        wiring.clock.advance(Duration.ofMinutes(5));

        int count = new RecoverStrandedRunsService(wiring.runs, dispatchedAgain::add, wiring.clock, GRACE, 2).recover();

        assertThat(count).isEqualTo(2);
        assertThat(ids(dispatchedAgain)).containsExactly(first.id(), second.id());
    }
}
