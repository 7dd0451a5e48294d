package io.workflow.domain.run;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.page.ListOrder;
import io.workflow.domain.page.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunQueryTest {
    private static final PageRequest PAGE = new PageRequest(10, null, 1_000);
    private static final Instant NOON = Instant.parse("2026-11-30T12:00:00Z");

    private static RunQuery between(Instant after, Instant before) {
        return new RunQuery(PAGE, null, null, Tenants.DEFAULT, after, before, ListOrder.NEWEST_FIRST);
    }

    @Test
    void boundsThatLeaveNoRoom_areRefused_namingCreatedAfter() {
        for (Instant before : new Instant[] {NOON, NOON.minusSeconds(1)}) {
            assertThatThrownBy(() -> between(NOON, before))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("created_after");
                        assertThat(e.reason()).isEqualTo("must be before created_before");
                    });
        }
        assertThat(between(NOON, NOON.plusNanos(1000)).createdBefore()).isEqualTo(NOON.plusNanos(1000));
    }

    @Test
    void bothBounds_areExclusive() {
        RunQuery query = between(NOON, NOON.plusSeconds(2));

        assertThat(query.createdWithin(NOON)).isFalse();
        assertThat(query.createdWithin(NOON.plusNanos(1000))).isTrue();
        assertThat(query.createdWithin(NOON.plusSeconds(1))).isTrue();
        assertThat(query.createdWithin(NOON.plusSeconds(2))).isFalse();
        assertThat(between(null, null).createdWithin(Instant.EPOCH)).isTrue();
    }

    @Test
    void bounds_countToTheMicrosecond_roundingSoNoStoredRunChangesSides() {
        RunQuery query = between(NOON.plusNanos(1_500), NOON.plusNanos(9_500));

        assertThat(query.createdAfter()).isEqualTo(NOON.plusNanos(1_000));
        assertThat(query.createdBefore()).isEqualTo(NOON.plusNanos(10_000));
        // A run stored at 9 µs was created before 9.5 µs, and still is before the rounded bound.
        assertThat(query.createdWithin(NOON.plusNanos(9_000))).isTrue();
        assertThat(query.createdWithin(NOON.plusNanos(1_000))).isFalse();
    }

    @Test
    void theConstructorsFromBeforeBoundsAndOrder_listNewestFirstWithoutBounds() {
        RunQuery query = new RunQuery(PAGE, RunStatus.FAILED, null);

        assertThat(query.order()).isEqualTo(ListOrder.NEWEST_FIRST);
        assertThat(query.createdAfter()).isNull();
        assertThat(query.createdBefore()).isNull();
        assertThat(query.withPage(new PageRequest(3, null, 5))).isEqualTo(
                new RunQuery(new PageRequest(3, null, 5), RunStatus.FAILED, null, Tenants.DEFAULT, null, null, ListOrder.NEWEST_FIRST));
    }
}
