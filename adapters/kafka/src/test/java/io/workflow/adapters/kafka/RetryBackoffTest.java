package io.workflow.adapters.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

    @Test
    void givenTheDefault_delays_doubleUpToAboutHalfAMinuteInAll() {
        RetryBackoff retry = RetryBackoff.DEFAULT;

        assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofSeconds(16));
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < retry.attempts(); attempt++) {
            total = total.plus(retry.delayAfter(attempt));
        }
        assertThat(total).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givenManyAttempts_delays_stopAtTheCap() {
        RetryBackoff retry = new RetryBackoff(100, Duration.ofMillis(10), Duration.ofMillis(50));

        assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofMillis(40));
        assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofMillis(50));
        assertThat(retry.delayAfter(99)).isEqualTo(Duration.ofMillis(50));
    }
}
