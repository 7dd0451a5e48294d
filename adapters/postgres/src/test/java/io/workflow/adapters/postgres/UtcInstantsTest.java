package io.workflow.adapters.postgres;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UtcInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T10:50:48Z", "2026-11-27T10:50:48.4Z", "2026-11-27T10:50:48.464223Z",
            "2026-11-27T10:50:48.123456789Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999Z", "1969-12-31T23:59:59.5Z",
            "2026-11-27T10:50:48+02:00", "2026-11-27T10:50:48.1-05:30"})
    void readsEveryIsoInstant_asInstantParseDoes(String text) {
        assertThat(UtcInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-27T10:60:00Z",
            "2026-11-27T10:50:48.1234567890Z", "2026-11-2710:50:48Z", "2026-11-27T1a:50:48Z", "yesterday", ""})
    void rejectsWhatIsNotAnInstant(String text) {
        assertThatThrownBy(() -> UtcInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999, 1_000_000, 1_764_240_648_464_223L})
    void roundTripsWhatInstantToStringWrites(long micros) {
        Instant instant = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
        assertThat(UtcInstants.parse(instant.toString())).isEqualTo(instant);
    }
}
