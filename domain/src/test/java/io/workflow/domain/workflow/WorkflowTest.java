package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowTest {
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    private static Workflow workflow(List<Step> steps) {
        return new Workflow(UUID.randomUUID(), null, "w", null, steps, NOW);
    }

    private static WebhookStep webhook(String name) {
        return new WebhookStep(name, "http://example.com/", "GET", Map.of(), null);
    }

    @Test
    void givenMoreThanMaxSteps_constructor_rejectsSteps() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i <= Workflow.MAX_STEPS; i++) {
            steps.add(new DelayStep("s" + i, Duration.ofSeconds(1)));
        }

        assertThatThrownBy(() -> workflow(steps))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("steps"));
        assertThat(workflow(steps.subList(0, Workflow.MAX_STEPS)).steps()).hasSize(Workflow.MAX_STEPS);
    }

    @Test
    void steps_areCopied_soTheCallersListCannotChangeTheWorkflow() {
        List<Step> steps = new ArrayList<>(List.of(webhook("a")));
        Workflow workflow = workflow(steps);

        steps.add(webhook("b"));

        assertThat(workflow.steps()).hasSize(1);
    }

    @Test
    void delayStep_enforcesItsBoundsWhenBuiltDirectly() {
        assertThatThrownBy(() -> new DelayStep("a", Duration.ZERO))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("duration"));
        assertThatThrownBy(() -> new DelayStep("a", Duration.ofSeconds(3601)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("duration"));
        assertThat(new DelayStep("a", Duration.ofHours(1)).duration()).isEqualTo(Duration.ofHours(1));
    }
}
