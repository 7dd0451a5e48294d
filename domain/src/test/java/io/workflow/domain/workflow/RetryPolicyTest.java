package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.workflow.RetryPolicy.Failure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0.2, null);

    @Test
    void retries_onlyListedKinds_andOnlyWhileAttemptsRemain() {
        assertThat(POLICY.retryOn()).isEqualTo(RetryPolicy.DEFAULT_RETRY_ON).doesNotContain(Failure.CLIENT_ERROR);
        assertThat(POLICY.retries(Failure.SERVER_ERROR, 1)).isTrue();
        assertThat(POLICY.retries(Failure.SERVER_ERROR, 4)).isTrue();
        assertThat(POLICY.retries(Failure.SERVER_ERROR, 5)).as("the fifth attempt was the last").isFalse();
        assertThat(POLICY.retries(Failure.CLIENT_ERROR, 1)).isFalse();
        assertThat(POLICY.retries(null, 1)).as("a failure no retry can mend").isFalse();
        RetryPolicy clientErrorsToo = new RetryPolicy(2, Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 0,
                Set.of(Failure.CLIENT_ERROR));
        assertThat(clientErrorsToo.retries(Failure.CLIENT_ERROR, 1)).isTrue();
        assertThat(clientErrorsToo.retries(Failure.SERVER_ERROR, 1)).isFalse();
    }

    @Test
    void delayAfter_growsByTheCoefficient_upToTheMaximum_spreadByTheJitter() {
        RetryPolicy exact = new RetryPolicy(10, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0, null);
        assertThat(exact.delayAfter(1, null, 0.9)).isEqualTo(Duration.ofSeconds(1));
        assertThat(exact.delayAfter(2, null, 0.9)).isEqualTo(Duration.ofSeconds(2));
        assertThat(exact.delayAfter(3, null, 0.9)).isEqualTo(Duration.ofSeconds(4));
        assertThat(exact.delayAfter(5, null, 0.9)).as("capped").isEqualTo(Duration.ofSeconds(10));

        assertThat(POLICY.delayAfter(2, null, 0.0)).isEqualTo(Duration.ofMillis(1600));
        assertThat(POLICY.delayAfter(2, null, 0.5)).isEqualTo(Duration.ofMillis(2000));
        assertThat(POLICY.delayAfter(2, null, 0.999999)).isBetween(Duration.ofMillis(2399), Duration.ofMillis(2400));
    }

    @Test
    void delayAfter_honoursTheReceiversRetryAfter_upToTheMaximum() {
        assertThat(POLICY.delayAfter(1, Duration.ofSeconds(7), 0.5)).isEqualTo(Duration.ofSeconds(7));
        assertThat(POLICY.delayAfter(1, Duration.ofSeconds(70), 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(POLICY.delayAfter(1, Duration.ZERO, 0.5)).isEqualTo(Duration.ZERO);
    }

    @Test
    void constructor_refusesWhatCannotWork_namingTheField() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0, null))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("retry.max_attempts");
        assertThatThrownBy(() -> new RetryPolicy(21, Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0, null))
                .extracting("field").isEqualTo("retry.max_attempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, 2, Duration.ofSeconds(1), 0, null))
                .extracting("field").isEqualTo("retry.initial_interval");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), 2, Duration.ofSeconds(1), 0, null))
                .extracting("field").isEqualTo("retry.max_interval");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 0, null))
                .extracting("field").isEqualTo("retry.backoff_coefficient");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 1.5, null))
                .extracting("field").isEqualTo("retry.jitter");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(1), 0, null))
                .extracting("field").isEqualTo("retry.backoff_coefficient");
    }
}
