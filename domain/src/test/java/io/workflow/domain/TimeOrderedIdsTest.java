package io.workflow.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void ids_areVersion7Variant2() {
        for (int i = 0; i < 1000; i++) {
            UUID id = TimeOrderedIds.next(T0.plusMillis(i));
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        }
    }

    @Test
    void firstFortyEightBits_areTheUnixMilliseconds() {
        Instant now = Instant.parse("2025-06-01T12:34:56.789Z");

        UUID id = TimeOrderedIds.next(now);

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    }

    @Test
    void idsGeneratedAtIncreasingTimes_sortInTimeOrderByMostSignificantBits() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add(TimeOrderedIds.next(T0.plusMillis(i * 7L)));
        }

        List<UUID> sorted = new ArrayList<>(ids);
        sorted.sort((a, b) -> Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits()));

        assertThat(sorted).containsExactlyElementsOf(ids);
    }

    @Test
    void idsInTheSameMillisecond_areStillDistinct() {
        HashSet<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.next(T0));
        }

        assertThat(ids).hasSize(10_000);
    }
}
