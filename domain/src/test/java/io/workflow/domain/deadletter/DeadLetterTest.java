package io.workflow.domain.deadletter;

import io.workflow.domain.auth.Tenants;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTest {
    private static DeadLetter of(byte[] value, String reason) {
        return DeadLetter.of(UUID.randomUUID(), "t", 0, 0, "k\u0000", value, reason, null, Instant.EPOCH);
    }

    @Test
    void aShortValue_isKeptWhole_withNulReplaced() {
        DeadLetter letter = of("{\"a\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8), "why");

        assertThat(letter.payload()).isEqualTo("{\"a\":\"\uFFFD\"}");
        assertThat(letter.key()).isEqualTo("k\uFFFD");
        assertThat(letter.truncated()).isFalse();
    }

    @Test
    void aLongValue_isCutOnACharacterBoundary_andFlagged() {
        byte[] value = new byte[DeadLetter.MAX_PAYLOAD_BYTES + 4];
        Arrays.fill(value, (byte) 'a');
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8); // three bytes, split by the cut
        System.arraycopy(euro, 0, value, DeadLetter.MAX_PAYLOAD_BYTES - 1, 3);

        DeadLetter letter = of(value, "why");

        assertThat(letter.truncated()).isTrue();
        assertThat(letter.payload()).hasSize(DeadLetter.MAX_PAYLOAD_BYTES - 1).doesNotContain("\uFFFD");
    }

    @Test
    void noValue_isAnEmptyPayload_andABlankReasonSaysUnreadable() {
        DeadLetter letter = of(null, " ");

        assertThat(letter.payload()).isEmpty();
        assertThat(letter.reason()).isEqualTo("unreadable");
        assertThat(letter.visibleTo("anyone")).as("a letter of no known tenant, to a tenant").isFalse();
        assertThat(letter.visibleTo(Tenants.DEFAULT)).as("to the operator's tenant").isTrue();
    }
}
