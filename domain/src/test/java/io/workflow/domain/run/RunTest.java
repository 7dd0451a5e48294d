package io.workflow.domain.run;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final UUID WORKFLOW = UUID.randomUUID();

    private static Run pending() {
        return Run.pending(UUID.randomUUID(), WORKFLOW, Map.of("user_id", 7), T0);
    }

    private static StepResult ok(String step, Instant at) {
        return StepResult.succeeded(step, at, at.plusMillis(10), Map.of("step", step));
    }

    @Test
    void pending_hasNoTimesNoResultsNoLease() {
        Run run = pending();

        assertThat(run.status()).isEqualTo(RunStatus.PENDING);
        assertThat(run.createdAt()).isEqualTo(T0);
        assertThat(run.payload()).isEqualTo(Map.of("user_id", 7));
        assertThat(run.startedAt()).isNull();
        assertThat(run.completedAt()).isNull();
        assertThat(run.error()).isNull();
        assertThat(run.stepResults()).isEmpty();
        assertThat(run.leaseExpiresAt()).isNull();
    }

    @Test
    void givenNoPayload_pending_usesAnEmptyObject() {
        assertThat(Run.pending(UUID.randomUUID(), WORKFLOW, null, T0).payload()).isEqualTo(Map.of());
    }

    @Test
    void pending_claim_stepResults_succeed_walksTheWholeLife() {
        Run pending = pending();
        Instant claimedAt = T0.plusSeconds(1);
        Instant lease = T0.plusSeconds(61);

        Run running = pending.claim(claimedAt, lease);
        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(running.startedAt()).isEqualTo(claimedAt);
        assertThat(running.leaseExpiresAt()).isEqualTo(lease);
        assertThat(running.id()).isEqualTo(pending.id());

        Run withTwo = running.withStepResult(ok("first", claimedAt)).withStepResult(ok("second", claimedAt));
        assertThat(withTwo.stepResults()).containsOnlyKeys("first", "second");
        assertThat(withTwo.stepResults().keySet()).containsExactly("first", "second");
        assertThat(withTwo.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(withTwo.leaseExpiresAt()).isEqualTo(lease);

        Instant done = T0.plusSeconds(5);
        Run succeeded = withTwo.succeed(done);
        assertThat(succeeded.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(succeeded.completedAt()).isEqualTo(done);
        assertThat(succeeded.startedAt()).isEqualTo(claimedAt);
        assertThat(succeeded.error()).isNull();
        assertThat(succeeded.leaseExpiresAt()).isNull();
        assertThat(succeeded.stepResults()).isEqualTo(withTwo.stepResults());
    }

    @Test
    void running_fail_keepsTheReasonAndResults() {
        Run running = pending().claim(T0, T0.plusSeconds(60)).withStepResult(ok("first", T0));

        Run failed = running.fail(T0.plusSeconds(2), "step 'second' failed: boom");

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).isEqualTo("step 'second' failed: boom");
        assertThat(failed.completedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(failed.stepResults()).containsOnlyKeys("first");
        assertThat(failed.leaseExpiresAt()).isNull();
    }

    @Test
    void givenPendingRun_fail_isAllowed_forARunThatCouldNotBeDispatched() {
        Run failed = pending().fail(T0.plusSeconds(1), "could not be dispatched");

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.startedAt()).isNull();
    }

    @Test
    void withStepResult_isChangeFree_forTheOriginal() {
        Run running = pending().claim(T0, T0.plusSeconds(60));

        running.withStepResult(ok("first", T0));

        assertThat(running.stepResults()).isEmpty();
    }

    @Test
    void stepResults_cannotBeModifiedFromOutside() {
        Run running = pending().claim(T0, T0.plusSeconds(60)).withStepResult(ok("first", T0));

        assertThatThrownBy(() -> running.stepResults().put("x", ok("x", T0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenPendingRun_succeed_throwsIllegalTransition() {
        assertThatThrownBy(() -> pending().succeed(T0))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("pending").hasMessageContaining("success");
    }

    @Test
    void givenPendingRun_withStepResult_throwsIllegalTransition() {
        assertThatThrownBy(() -> pending().withStepResult(ok("first", T0)))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void givenFinishedRun_claim_throwsIllegalTransition() {
        Run succeeded = pending().claim(T0, T0.plusSeconds(60)).succeed(T0.plusSeconds(1));
        Run failed = pending().fail(T0, "no");

        assertThatThrownBy(() -> succeeded.claim(T0.plusSeconds(2), T0.plusSeconds(62)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> failed.claim(T0.plusSeconds(2), T0.plusSeconds(62)))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void givenFinishedRun_finishOrAddResult_throwsIllegalTransition() {
        Run succeeded = pending().claim(T0, T0.plusSeconds(60)).succeed(T0.plusSeconds(1));

        assertThatThrownBy(() -> succeeded.fail(T0.plusSeconds(2), "late"))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> succeeded.succeed(T0.plusSeconds(2)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> succeeded.withStepResult(ok("late", T0)))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void givenRunningRunWithLiveLease_claim_throwsIllegalTransition() {
        Run running = pending().claim(T0, T0.plusSeconds(60));

        assertThatThrownBy(() -> running.claim(T0.plusSeconds(30), T0.plusSeconds(90)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> running.claim(T0.plusSeconds(60), T0.plusSeconds(120)))
                .as("a lease that ends exactly now is still live")
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void givenRunningRunWithExpiredLease_claim_resumesIt_keepingItsStartAndCompletedSteps() {
        Run stale = pending().claim(T0, T0.plusSeconds(10)).withStepResult(ok("first", T0));
        Instant later = T0.plusSeconds(11);

        Run reclaimed = stale.claim(later, later.plusSeconds(10));

        assertThat(reclaimed.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(reclaimed.stepResults()).containsOnlyKeys("first");
        assertThat(reclaimed.startedAt()).isEqualTo(T0);
        assertThat(reclaimed.leaseExpiresAt()).isEqualTo(later.plusSeconds(10));
        assertThat(reclaimed.completedAt()).isNull();
        assertThat(reclaimed.error()).isNull();
    }

    @Test
    void heldUntil_movesOnlyTheLease_andOnlyWhileRunning() {
        Run running = pending().claim(T0, T0.plusSeconds(10)).withStepResult(ok("first", T0));

        Run renewed = running.heldUntil(T0.plusSeconds(20));

        assertThat(renewed).isEqualTo(new Run(running.id(), running.workflowId(), running.status(), running.payload(),
                running.createdAt(), running.startedAt(), null, null, running.stepResults(), T0.plusSeconds(20), 1));
        assertThatThrownBy(() -> pending().heldUntil(T0.plusSeconds(20))).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> running.succeed(T0).heldUntil(T0.plusSeconds(20))).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void release_endsTheLeaseNow_soAnyWorkerMayResumeTheRunRightAfter() {
        Run running = pending().claim(T0, T0.plusSeconds(10)).withStepResult(ok("first", T0));
        Instant handedBack = T0.plusSeconds(2);

        Run released = running.release(handedBack);

        assertThat(released.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(released.isClaimable(handedBack)).isFalse();
        assertThat(released.isClaimable(handedBack.plusNanos(1000))).isTrue();
        assertThat(released.claim(handedBack.plusNanos(1000), T0.plusSeconds(12)).stepResults()).containsOnlyKeys("first");
    }

    @Test
    void isClaimable_onlyWhenPendingOrRunningPastItsLease() {
        Run pending = pending();
        Run running = pending.claim(T0, T0.plusSeconds(60));
        Run succeeded = running.succeed(T0.plusSeconds(1));
        Run failed = pending.fail(T0, "no");

        assertThat(pending.isClaimable(T0)).isTrue();
        assertThat(running.isClaimable(T0.plusSeconds(59))).isFalse();
        assertThat(running.isClaimable(T0.plusSeconds(60))).isFalse();
        assertThat(running.isClaimable(T0.plusSeconds(60).plusNanos(1))).isTrue();
        assertThat(succeeded.isClaimable(T0.plusSeconds(3600))).isFalse();
        assertThat(failed.isClaimable(T0.plusSeconds(3600))).isFalse();
    }

    @Test
    void cancel_endsAPendingOrRunningRunNow_keepingItsResults_andNothingElse() {
        Run running = pending().claim(T0, T0.plusSeconds(10)).withStepResult(ok("first", T0));

        Run cancelled = running.cancel(T0.plusSeconds(3));

        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.completedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(cancelled.error()).isEqualTo("cancelled");
        assertThat(cancelled.leaseExpiresAt()).isNull();
        assertThat(cancelled.stepResults()).containsOnlyKeys("first");
        assertThat(pending().cancel(T0).status()).isEqualTo(RunStatus.CANCELLED);
        assertThatThrownBy(() -> running.succeed(T0).cancel(T0)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> cancelled.cancel(T0)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void park_letsTheRunGoUntilItsTimerIsDue_andTheStepsResultEndsTheTimer() {
        Run running = pending().claim(T0, T0.plusSeconds(10));
        Timer timer = new Timer("wait", T0, T0.plusSeconds(60), List.of());

        Run parked = running.park(timer);

        assertThat(parked.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(parked.leaseExpiresAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(parked.isWaiting(T0.plusSeconds(59))).isTrue();
        assertThat(parked.isClaimable(T0.plusSeconds(59))).as("nobody claims it early").isFalse();
        assertThat(parked.isClaimable(T0.plusSeconds(61))).isTrue();
        Run resumed = parked.claim(T0.plusSeconds(61), T0.plusSeconds(71));
        assertThat(resumed.timer()).as("the claim keeps the timer: the step goes on").isEqualTo(timer);
        assertThat(resumed.isWaiting(T0.plusSeconds(61))).isFalse();
        assertThat(resumed.withStepResult(ok("wait", T0)).timer()).isNull();
        assertThat(parked.cancel(T0.plusSeconds(1)).timer()).isNull();
        assertThatThrownBy(() -> pending().park(timer)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void retry_makesAFailedRunPendingAgain_withItsSuccessfulResultsOnly_andTheNextAttempt() {
        StepResult failedStep = StepResult.failed("second", T0, T0, null, "503");
        Run failed = pending().claim(T0, T0.plusSeconds(10)).withStepResult(ok("first", T0)).withStepResult(failedStep)
                .fail(T0.plusSeconds(2), "step 'second' failed: 503");

        Run retried = failed.retry();

        assertThat(retried.status()).isEqualTo(RunStatus.PENDING);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.stepResults()).containsOnlyKeys("first");
        assertThat(retried.error()).isNull();
        assertThat(retried.completedAt()).isNull();
        assertThat(retried.startedAt()).isNull();
        assertThat(retried.claim(T0.plusSeconds(9), T0.plusSeconds(19)).startedAt())
                .as("claimed again, the new attempt starts then: its run timeout counts from there").isEqualTo(T0.plusSeconds(9));
        assertThat(retried.cancel(T0.plusSeconds(5)).retry().attempt()).as("a cancelled run may be retried too").isEqualTo(3);
        assertThatThrownBy(retried::retry).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> pending().claim(T0, T0.plusSeconds(1)).succeed(T0).retry())
                .isInstanceOf(IllegalTransitionException.class);
    }
}
