package io.workflow.domain.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RunStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "PENDING, PENDING, false",
            "PENDING, RUNNING, true",
            "PENDING, SUCCESS, false",
            "PENDING, FAILED,  true",
            "PENDING, CANCELLED, true",
            "RUNNING, PENDING, false",
            "RUNNING, RUNNING, false",
            "RUNNING, SUCCESS, true",
            "RUNNING, FAILED,  true",
            "RUNNING, CANCELLED, true",
            "SUCCESS, PENDING, false",
            "SUCCESS, RUNNING, false",
            "SUCCESS, SUCCESS, false",
            "SUCCESS, FAILED,  false",
            "FAILED,  PENDING, false",
            "FAILED,  RUNNING, false",
            "FAILED,  SUCCESS, false",
            "FAILED,  FAILED,  false",
            "FAILED,  CANCELLED, false",
            "SUCCESS, CANCELLED, false",
            "CANCELLED, PENDING, false",
            "CANCELLED, RUNNING, false",
            "CANCELLED, CANCELLED, false",
    })
    void canBecome_allowsOnlyTheRunsLife(RunStatus from, RunStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
    }

    @Test
    void onlySuccessFailedAndCancelled_areTerminal_andOnlyFailedAndCancelledMayBeRetried() {
        assertThat(RunStatus.SUCCESS.isTerminal()).isTrue();
        assertThat(RunStatus.FAILED.isTerminal()).isTrue();
        assertThat(RunStatus.CANCELLED.isTerminal()).isTrue();
        assertThat(RunStatus.values()).filteredOn(RunStatus::canBeRetried)
                .containsExactlyInAnyOrder(RunStatus.FAILED, RunStatus.CANCELLED);
        assertThat(RunStatus.PENDING.isTerminal()).isFalse();
        assertThat(RunStatus.RUNNING.isTerminal()).isFalse();
    }
}
