package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadContractTest {

    private static WebhookStep hook(String name, String url, Map<String, String> headers, Object body) {
        return new WebhookStep(name, url, "POST", headers, body);
    }

    @Test
    void payloadPaths_areReadFromUrlHeadersAndBody_eachOnce_urlOnesScalar() {
        PayloadContract contract = PayloadContract.of(List.of(
                new DelayStep("wait", Duration.ofSeconds(1)),
                hook("notify", "http://h/users/${payload.user.id}", Map.of("X-Name", "${payload.name}"),
                        Map.of("user", "${payload.user.id}", "items", List.of("first: ${payload.items.0}")))));

        assertThat(contract.paths()).containsExactly(
                new PayloadContract.PayloadPath(List.of("user", "id"), true),
                new PayloadContract.PayloadPath(List.of("name"), false),
                new PayloadContract.PayloadPath(List.of("items", "0"), false));
    }

    @Test
    void payloadLackingPaths_listsEveryOne_andAnObjectWhereAUrlNeedsAScalar() {
        PayloadContract contract = PayloadContract.of(List.of(
                hook("notify", "http://h/${payload.id}", Map.of(), Map.of("a", "${payload.a}", "b", "${payload.b.c}"))));

        assertThat(contract.problems(Map.of("id", Map.of("x", 1), "b", Map.of())))
                .containsExactlyInAnyOrder("payload.id must be a string, number or boolean: it is used in a URL",
                        "payload.a is missing", "payload.b.c is missing");
        assertThatThrownBy(() -> contract.requireSatisfiedBy(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("payload.id is missing")
                .hasMessageContaining("payload.a is missing")
                .hasMessageContaining("payload.b.c is missing")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("payload");
    }

    @Test
    void payloadThatGivesEveryPath_satisfiesTheContract_listIndexesAndNullsIncluded() {
        PayloadContract contract = PayloadContract.of(List.of(
                hook("notify", "http://h/${payload.id}", Map.of(), Map.of("first", "${payload.items.0}", "n", "${payload.note}"))));

        java.util.HashMap<String, Object> payload = new java.util.HashMap<>(Map.of("id", 42, "items", List.of("x")));
        payload.put("note", null);
        assertThat(contract.problems(payload)).isEmpty();
    }

    @Test
    void referenceToAnEarlierStep_isValid_andNeedsNothingOfThePayload() {
        PayloadContract contract = PayloadContract.of(List.of(
                hook("fetch", "http://h/a", Map.of(), null),
                hook("use", "http://h/${fetch.body.token}", Map.of(), null))).requireValidReferences();

        assertThat(contract.paths()).isEmpty();
    }

    @Test
    void referenceToALaterStep_isRefused_namingTheStepAndThePlaceholder() {
        PayloadContract contract = PayloadContract.of(List.of(
                hook("use", "http://h/a", Map.of("X-T", "${fetch.body.token}"), null),
                hook("fetch", "http://h/b", Map.of(), null)));

        assertThatThrownBy(contract::requireValidReferences)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("${fetch.body.token}")
                .hasMessageContaining("'fetch', which comes later")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("steps[0].config.headers.X-T");
    }

    @Test
    void referenceToAnUnknownStep_orToItself_isRefused() {
        assertThatThrownBy(() -> PayloadContract.of(List.of(hook("a", "http://h/a", Map.of(),
                Map.of("x", List.of("${nosuchstep.x}"))))).requireValidReferences())
                .hasMessageContaining("${nosuchstep.x}")
                .hasMessageContaining("no step of that name")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("steps[0].config.body.x[0]");
        assertThatThrownBy(() -> PayloadContract.of(List.of(hook("a", "http://h/${a.status_code}", Map.of(), null)))
                .requireValidReferences())
                .hasMessageContaining("the step itself");
    }
}
