package io.workflow.domain.page;

import io.workflow.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 201, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void givenLimitOutside1To200_constructor_rejectsLimit(int limit) {
        assertThatThrownBy(() -> new PageRequest(limit, null, 1024))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 200})
    void givenLimitWithin1To200_constructor_acceptsIt(int limit) {
        assertThat(new PageRequest(limit, null, 1024).limit()).isEqualTo(limit);
    }

    @Test
    void defaults_areWithinTheBounds() {
        assertThat(PageRequest.DEFAULT_LIMIT).isEqualTo(50);
        assertThat(PageRequest.MAX_LIMIT).isEqualTo(200);
    }

    @Test
    void page_copiesItsItems() {
        List<String> items = new ArrayList<>(List.of("a"));
        Page<String> page = new Page<>(items, new Cursor(Instant.EPOCH, UUID.randomUUID()));

        items.add("b");

        assertThat(page.items()).containsExactly("a");
    }
}
