package io.workflow.adapters.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class WireInstantsTest {

    @Test
    void writesWhatInstantToStringWrites_atTheEdgesOfTheCalendar() {
        String[] edges = {
                "0000-01-01T00:00:00Z", "0000-02-29T12:00:00Z", "0000-12-31T23:59:59.999999999Z",
                "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000001Z",
                "1999-12-31T23:59:59Z", "2000-02-29T00:00:00.100Z", "2000-03-01T00:00:00Z", "2024-02-29T23:59:59.5Z",
                "2026-11-30T09:49:03.435846Z", "2100-02-28T00:00:00.000000100Z", "2100-03-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z"};
        for (String edge : edges) {
            Instant instant = Instant.parse(edge);
            assertThat(WireInstants.text(instant)).as(edge).isEqualTo(instant.toString());
        }
    }

    @Test
    void writesWhatInstantToStringWrites_forAnyInstantOfYears0To9999() {
        SplittableRandom random = new SplittableRandom(20261130);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, end), nano);
            assertThat(WireInstants.text(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void leavesYearsOutsideFourDigitsToInstantToString() {
        for (String text : new String[] {"-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(WireInstants.text(instant)).isEqualTo(instant.toString()).isEqualTo(text);
        }
        assertThat(WireInstants.text(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    }

    @Test
    void writesNoInstantAsNull() {
        assertThat(WireInstants.text(null)).isNull();
    }
}
