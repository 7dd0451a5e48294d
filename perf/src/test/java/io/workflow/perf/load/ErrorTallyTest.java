package io.workflow.perf.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.workflow.perf.http.ErrorKind;
import io.workflow.perf.model.ErrorSummary;
import io.workflow.perf.model.FailedRequest;

class ErrorTallyTest {

    @Test
    void keepsTheFirstFailuresOneByOne_andCountsThemAll() {
        ErrorTally tally = new ErrorTally();
        long before = System.currentTimeMillis();
        for (int i = 0; i < ErrorTally.FAILURES_KEPT + 5; i++) {
            tally.record(ErrorKind.HTTP_5XX, Endpoint.TRIGGER, "POST /api/v1/trigger -> 502: " + "x".repeat(400), 2_500_000);
        }
        ErrorSummary summary = tally.summary(2_000);

        assertThat(summary.total()).isEqualTo(ErrorTally.FAILURES_KEPT + 5);
        assertThat(summary.failures()).hasSize(ErrorTally.FAILURES_KEPT);
        FailedRequest first = summary.failures().getFirst();
        assertThat(first.answeredAtMillis()).isBetween(before, System.currentTimeMillis());
        assertThat(first.answeredAtMillis() - first.sentAtMillis()).isEqualTo(2_500);
        assertThat(first.kind()).isEqualTo("HTTP_5XX");
        assertThat(first.endpoint()).isEqualTo(Endpoint.TRIGGER.label());
        assertThat(first.detail()).startsWith("POST /api/v1/trigger -> 502: ").hasSizeLessThan(200);
    }
}
