package io.workflow.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.testing.FlowStubServer;

class OpenLoopPhaseTest {

    @Test
    void givenEnoughSlots_everyScheduledIterationStarts() throws Exception {
        try (FlowStubServer server = new FlowStubServer(0)) {
            PhaseResult phase = new PhaseRunner(TestSettings.standard())
                    .openLoop(Target.of("t", server.url(), false), 50, Duration.ofSeconds(1), 50, null);
            assertThat(phase.mode()).isEqualTo(PhaseResult.OPEN_LOOP);
            assertThat(phase.openLoop().scheduled()).isEqualTo(50);
            assertThat(phase.openLoop().dropped()).isZero();
            assertThat(phase.openLoop().started()).isEqualTo(50);
            assertThat(phase.users().completed()).isEqualTo(50);
            assertThat(phase.requests().sent()).isEqualTo(350);
            assertThat(phase.wallSeconds()).isGreaterThanOrEqualTo(0.98);
            assertThat(phase.openLoop().scheduleLag().count()).isEqualTo(50);
            // connections are pooled: far fewer than one per iteration
            assertThat(phase.completion().success()).isEqualTo(50);
        }
    }

    @Test
    void givenASlowTargetAndFewSlots_lateIterationsAreDroppedAndCounted() throws Exception {
        try (FlowStubServer server = new FlowStubServer(0).delayEveryResponse(50)) {
            PhaseResult phase = new PhaseRunner(TestSettings.standard())
                    .openLoop(Target.of("t", server.url(), false), 40, Duration.ofSeconds(1), 2, null);
            var openLoop = phase.openLoop();
            assertThat(openLoop.scheduled()).isEqualTo(40);
            assertThat(openLoop.started() + openLoop.dropped()).isEqualTo(openLoop.scheduled());
            // each flow takes at least 7 × 50 ms, so two slots cannot take more than a handful per second
            assertThat(openLoop.dropped()).isGreaterThan(25);
            assertThat(phase.users().total()).isEqualTo(openLoop.started());
            assertThat(phase.requests().planned()).isEqualTo(openLoop.started() * 7);
            assertThat(phase.latency().minMs()).isGreaterThanOrEqualTo(50);
        }
    }
}
