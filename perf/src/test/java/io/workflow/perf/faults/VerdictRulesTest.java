package io.workflow.perf.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.workflow.perf.faults.FaultReport.ErrorCount;
import io.workflow.perf.faults.FaultReport.Stretch;

class VerdictRulesTest {

    private static Stretch stretch(String name, Fault fault, long lost, ErrorCount... errors) {
        return new Stretch(name, fault == null ? null : fault.id(), name, "", 10, 100, 0, List.of(errors), 50, 50 - lost, 0,
                lost, 0, 1.2, null);
    }

    private static ErrorCount error(Fault fault, String kind, long count) {
        return new ErrorCount("trigger", kind, count, VerdictRules.tolerated(fault, kind));
    }

    @Test
    void givenNoErrorsAndNoLostRuns_passes() {
        FaultReport.Verdict verdict = VerdictRules.of(List.of(stretch("baseline", null, 0)), null, List.of());

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void givenOneLostRun_fails_whateverTheErrorLimit() {
        FaultReport.Verdict verdict = VerdictRules.of(List.of(stretch("worker-kill", Fault.WORKER_KILL, 1)), null, List.of());

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).singleElement().asString().contains("worker-kill: 1 accepted run(s) never reached a terminal status");
    }

    @Test
    void givenKnownGapKind_passesWithoutALimit_andFailsAboveIt() {
        Stretch apiKill = stretch("api-kill", Fault.API_KILL, 0, error(Fault.API_KILL, "HTTP 502", 30));

        assertThat(VerdictRules.of(List.of(apiKill), null, List.of()).passed()).isTrue();
        assertThat(VerdictRules.of(List.of(apiKill), 30L, List.of()).passed()).isTrue();
        FaultReport.Verdict tightened = VerdictRules.of(List.of(apiKill), 29L, List.of());
        assertThat(tightened.passed()).isFalse();
        assertThat(tightened.reasons()).singleElement().asString().contains("30 errors, more than the 29 allowed");
    }

    @Test
    void givenAKindTheFaultDoesNotCause_fails() {
        Stretch apiKill = stretch("api-kill", Fault.API_KILL, 0, error(Fault.API_KILL, "HTTP 500", 2));

        FaultReport.Verdict verdict = VerdictRules.of(List.of(apiKill), null, List.of());

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).singleElement().asString().contains("2 x trigger HTTP 500").contains("api-kill");
    }

    @Test
    void givenAnyErrorInTheBaselineOrFinalWait_fails() {
        FaultReport.Verdict verdict = VerdictRules.of(List.of(stretch("baseline", null, 0, error(null, "HTTP 502", 1))), null, List.of());

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).singleElement().asString().contains("no error is expected here");
    }

    @Test
    void givenAFaultThatCouldNotBeUndone_fails() {
        FaultReport.Verdict verdict = VerdictRules.of(List.of(stretch("baseline", null, 0)), null, List.of("kafka-stop: exit status 1"));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).containsExactly("kafka-stop: exit status 1");
    }

    @Test
    void aKilledWorkersRunsEndingLaterThanTheBound_failTheSuite() {
        Stretch quick = new Stretch("worker-kill", Fault.WORKER_KILL.id(), "", "", 10, 100, 0, List.of(), 50, 50, 0, 0, 0, 1.2,
                new FaultReport.WorkerRecovery("worker-1", 6, 6, 14.0, 0));
        Stretch slow = new Stretch("worker-kill", Fault.WORKER_KILL.id(), "", "", 10, 100, 0, List.of(), 50, 50, 0, 0, 0, 1.2,
                new FaultReport.WorkerRecovery("worker-1", 6, 6, 69.4, 0));

        assertThat(VerdictRules.of(List.of(quick), null, List.of()).passed()).isTrue();
        FaultReport.Verdict verdict = VerdictRules.of(List.of(slow), null, List.of());
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).singleElement().asString().contains("69.4 s after the kill");
    }

    @Test
    void postgresRestart_toleratesOnlyTheDesigned503() {
        assertThat(Fault.POSTGRES_RESTART.tolerates("HTTP 503")).isTrue();
        assertThat(Fault.POSTGRES_RESTART.tolerates("HTTP 500")).isFalse();
        assertThat(Fault.PGBOUNCER_KILL.tolerates("HTTP 500")).isFalse();
        assertThat(Fault.ROLLING_RESTART.tolerates("HTTP 502")).isFalse();
        assertThat(Fault.POSTGRES_RESTART.tolerates("HTTP 502")).isFalse();
        assertThat(Fault.WORKER_KILL.tolerates("HTTP 502")).isFalse();
        assertThat(Fault.REDIS_KILL.tolerates("request timeout")).isFalse();
    }
}
