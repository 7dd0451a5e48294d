package io.workflow.adapters.http;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** The create request read into a command, and a workflow written as the API answers it. */
class WorkflowJsonTest {
    private static final UUID UUID_1 = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00.5Z");

    // Mutable maps and lists, as a JSON parser hands them over (they may hold nulls).

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> array(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    private static Map<String, Object> request(Object... steps) {
        return object("name", "onboarding", "steps", array(steps));
    }

    private static Map<String, Object> delay(String name, Object duration) {
        return object("name", name, "type", "delay", "config", object("duration", duration));
    }

    private static Map<String, Object> webhook(String name, Map<String, Object> config) {
        return object("name", name, "type", "webhook", "config", config);
    }

    private static Map<String, Object> withRetry(Map<String, Object> step, Object retry) {
        step.put("retry", retry);
        return step;
    }

    private static Map<String, Object> hook(Object url, Object method) {
        return object("url", url, "method", method);
    }

    /** The request as the use case would make it a workflow (its identity and time are the use case's). */
    private static Workflow read(Object body) {
        var command = WorkflowJson.command(body);
        return new Workflow(UUID_1, command.clientId(), command.name(), command.description(), command.steps(), NOW);
    }

    private static Map<String, Object> without(Map<String, Object> map, String key) {
        map.remove(key);
        return map;
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                argumentSet("missing name", object("steps", array()), "name"),
                argumentSet("null name", object("name", null, "steps", array()), "name"),
                argumentSet("name not a string", object("name", 42, "steps", array()), "name"),
                argumentSet("blank name", object("name", "   ", "steps", array()), "name"),
                argumentSet("name too long", object("name", "n".repeat(201), "steps", array()), "name"),
                argumentSet("description not a string", object("name", "n", "description", 1, "steps", array()), "description"),
                argumentSet("steps missing", object("name", "n"), "steps"),
                argumentSet("steps not an array", object("name", "n", "steps", object("a", 1)), "steps"),
                argumentSet("steps a string", object("name", "n", "steps", "delay"), "steps"),
                argumentSet("step not an object", request("delay"), "steps[0]"),
                argumentSet("second step not an object", request(delay("a", 1), 7), "steps[1]"),
                argumentSet("step name missing", request(without(delay("a", 1), "name")), "steps[0].name"),
                argumentSet("step name with a dot", request(delay("a.b", 1)), "steps[0].name"),
                argumentSet("step named payload", request(delay("payload", 1)), "steps[0].name"),
                argumentSet("step type missing", request(without(delay("a", 1), "type")), "steps[0].type"),
                argumentSet("unknown type", request(delay("a", 1), object("name", "b", "type", "email", "config", object())), "steps[1].type"),
                argumentSet("config missing", request(without(delay("a", 1), "config")), "steps[0].config"),
                argumentSet("config not an object", request(object("name", "a", "type", "delay", "config", 5)), "steps[0].config"),
                argumentSet("duration missing", request(object("name", "a", "type", "delay", "config", object())), "steps[0].config.duration"),
                argumentSet("duration 0", request(delay("a", 0)), "steps[0].config.duration"),
                argumentSet("duration 0.0", request(delay("a", 0.0)), "steps[0].config.duration"),
                argumentSet("duration negative", request(delay("a", -1)), "steps[0].config.duration"),
                argumentSet("duration above 3600", request(delay("a", 3601)), "steps[0].config.duration"),
                argumentSet("duration just above 3600", request(delay("a", 3600.001)), "steps[0].config.duration"),
                argumentSet("duration a string", request(delay("a", "5")), "steps[0].config.duration"),
                argumentSet("duration a boolean", request(delay("a", true)), "steps[0].config.duration"),
                argumentSet("duration 0.0001", request(delay("a", 0.0001)), "steps[0].config.duration"),
                argumentSet("duration on the third step", request(delay("a", 1), delay("b", 1), delay("c", -5)), "steps[2].config.duration"),
                argumentSet("webhook missing url", request(webhook("a", object("method", "POST"))), "steps[0].config.url"),
                argumentSet("webhook url not a string", request(webhook("a", hook(5, "POST"))), "steps[0].config.url"),
                argumentSet("webhook url relative", request(webhook("a", hook("/hooks/1", "POST"))), "steps[0].config.url"),
                argumentSet("webhook url ftp", request(webhook("a", hook("ftp://example.com/file", "GET"))), "steps[0].config.url"),
                argumentSet("webhook url without host", request(webhook("a", hook("http:///path", "GET"))), "steps[0].config.url"),
                argumentSet("webhook url empty", request(webhook("a", hook("", "GET"))), "steps[0].config.url"),
                argumentSet("webhook url only a placeholder", request(webhook("a", hook("${payload.url}", "GET"))), "steps[0].config.url"),
                argumentSet("webhook url unparseable", request(webhook("a", hook("http://exa mple.com/", "GET"))), "steps[0].config.url"),
                argumentSet("webhook method missing", request(webhook("a", object("url", "http://example.com/"))), "steps[0].config.method"),
                argumentSet("webhook method unknown", request(webhook("a", hook("http://example.com/", "FETCH"))), "steps[0].config.method"),
                argumentSet("webhook method not a string", request(webhook("a", hook("http://example.com/", 1))), "steps[0].config.method"),
                argumentSet("webhook on the second step", request(delay("a", 1), webhook("b", hook("ftp://x", "GET"))), "steps[1].config.url"),
                argumentSet("webhook headers not an object", request(webhook("a",
                        object("url", "http://example.com/", "method", "GET", "headers", array("X-A: 1")))), "steps[0].config.headers"),
                argumentSet("duplicate step names", request(delay("a", 1), delay("b", 1), delay("a", 2)), "steps[2].name"),
                argumentSet("retry on a delay", request(withRetry(delay("a", 1), object("max_attempts", 3))), "steps[0].retry"),
                argumentSet("retry without max_attempts", request(withRetry(webhook("a", hook("http://x.test/", "GET")),
                        object("initial_interval", 1))), "steps[0].retry.max_attempts"),
                argumentSet("retry with 0 attempts", request(withRetry(webhook("a", hook("http://x.test/", "GET")),
                        object("max_attempts", 0))), "steps[0].retry.max_attempts"),
                argumentSet("retry with 2.5 attempts", request(withRetry(webhook("a", hook("http://x.test/", "GET")),
                        object("max_attempts", 2.5))), "steps[0].retry.max_attempts"),
                argumentSet("retry with a negative interval", request(withRetry(webhook("a", hook("http://x.test/", "GET")),
                        object("max_attempts", 2, "initial_interval", -1))), "steps[0].retry.initial_interval"),
                argumentSet("retry on an unknown kind", request(withRetry(webhook("a", hook("http://x.test/", "GET")),
                        object("max_attempts", 2, "retry_on", array("5xx", "sometimes")))), "steps[0].retry.retry_on[1]"),
                argumentSet("retry that is no object", request(withRetry(webhook("a", hook("http://x.test/", "GET")), 3)),
                        "steps[0].retry"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void givenInvalidRequest_fromRequest_throwsNamingTheField(Object body, String field) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + " ");
                });
    }

    @Test
    void givenHeaderWithANonStringValue_fromRequest_namesTheHeader() {
        Map<String, Object> body = request(webhook("a", object("url", "http://example.com/", "method", "GET",
                "headers", object("X-Ok", "yes", "X-Count", 3))));

        assertThatThrownBy(() -> read(body))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("steps[0].config.headers.X-Count"));
    }

    @Test
    void givenAListAtTopLevel_fromRequest_rejectsTheBodyAsAWhole() {
        assertThatThrownBy(() -> read(array(delay("a", 1))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isNull();
                    assertThat(e.getMessage()).contains("JSON object");
                });
        assertThatThrownBy(() -> RequestFields.of(List.of(), ""))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isNull());
        assertThatThrownBy(() -> read(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> read("text")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void validRequest_becomesACommandWithEveryField() {
        Map<String, Object> body = object("id", "client-7", "name", "onboarding", "description", "welcome",
                "steps", array(delay("wait", 2), webhook("notify", hook("https://example.com/hook", "POST"))));

        Workflow workflow = read(body);

        assertThat(workflow.id()).isEqualTo("client-7");
        assertThat(workflow.name()).isEqualTo("onboarding");
        assertThat(workflow.description()).isEqualTo("welcome");
        assertThat(workflow.steps()).containsExactly(
                new DelayStep("wait", Duration.ofSeconds(2)),
                new WebhookStep("notify", "https://example.com/hook", "POST", Map.of(), null));
    }

    @Test
    void aWebhooksRetry_isReadWithItsDefaults_andWrittenBackInFull() {
        Workflow workflow = read(request(withRetry(webhook("notify", hook("http://x.test/", "POST")),
                object("max_attempts", 5, "initial_interval", 0.5, "retry_on", array("5xx", "4xx")))));

        RetryPolicy retry = ((WebhookStep) workflow.steps().getFirst()).retry();
        assertThat(retry).isEqualTo(new RetryPolicy(5, Duration.ofMillis(500), 2.0, Duration.ofSeconds(60), 0,
                Set.of(RetryPolicy.Failure.SERVER_ERROR, RetryPolicy.Failure.CLIENT_ERROR)));
        @SuppressWarnings("unchecked")
        Map<String, Object> written = (Map<String, Object>) ((List<Map<String, Object>>) WorkflowJson.tree(workflow).get("steps"))
                .getFirst().get("retry");
        assertThat(written).containsExactly(Map.entry("max_attempts", 5), Map.entry("initial_interval", 0.5),
                Map.entry("backoff_coefficient", 2.0), Map.entry("max_interval", 60L), Map.entry("jitter", 0.0),
                Map.entry("retry_on", List.of("4xx", "5xx")));
        assertThat(((WebhookStep) read(request(webhook("once", hook("http://x.test/", "GET")))).steps().getFirst()).retry())
                .as("no retry: called once").isNull();
    }

    @Test
    void givenNoStepsAndNoOptionalFields_fromRequest_acceptsAnEmptyWorkflow() {
        Workflow workflow = read(object("name", "empty", "steps", array()));

        assertThat(workflow.steps()).isEmpty();
        assertThat(workflow.id()).isNull();
        assertThat(workflow.description()).isNull();
    }

    @Test
    void givenNumericClientId_fromRequest_keepsItAsText() {
        assertThat(read(object("id", 17, "name", "n", "steps", array())).id()).isEqualTo("17");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.5", "0.001", "1.25", "3600"})
    void fractionalAndBoundaryDurations_areAccepted(String seconds) {
        Workflow workflow = read(request(delay("wait", Double.parseDouble(seconds))));

        long expectedNanos = new BigDecimal(seconds).movePointRight(9).longValueExact();
        assertThat(((DelayStep) workflow.steps().getFirst()).duration()).isEqualTo(Duration.ofNanos(expectedNanos));
    }

    @Test
    void halfASecond_isFiveHundredMillis() {
        Workflow workflow = read(request(delay("wait", 0.5)));

        assertThat(((DelayStep) workflow.steps().getFirst()).duration()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void integerDurations_ofEveryNumberType_areAccepted() {
        Workflow workflow = read(request(delay("a", 3), delay("b", 3L), delay("c", new BigInteger("3")),
                delay("d", new BigDecimal("3.000"))));

        assertThat(workflow.steps()).extracting(step -> ((DelayStep) step).duration())
                .containsOnly(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"post", "Post", "pOsT"})
    void lowerOrMixedCaseMethod_isNormalisedToUpperCase(String method) {
        Workflow workflow = read(request(webhook("a", hook("http://example.com/", method))));

        assertThat(((WebhookStep) workflow.steps().getFirst()).method()).isEqualTo("POST");
    }

    @Test
    void everyKnownMethod_isAccepted() {
        for (String method : WebhookStep.METHODS) {
            Workflow workflow = read(request(webhook("a", hook("http://example.com/", method))));
            assertThat(((WebhookStep) workflow.steps().getFirst()).method()).isEqualTo(method);
        }
    }

    @Test
    void webhookHeadersAndBody_areKeptAsGiven() {
        Map<String, Object> body = object("user", "${payload.user_id}", "items", array(1, "two", null), "flag", true);
        Workflow workflow = read(request(webhook("a", object("url", "http://example.com/hook?x=1", "method", "PUT",
                "headers", object("X-User", "${payload.user_id}", "Content-Type", "application/json"), "body", body))));

        WebhookStep step = (WebhookStep) workflow.steps().getFirst();
        assertThat(step.url()).isEqualTo("http://example.com/hook?x=1");
        assertThat(step.headers()).isEqualTo(Map.of("X-User", "${payload.user_id}", "Content-Type", "application/json"));
        assertThat(step.body()).isEqualTo(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/users/${payload.user_id}", "https://${payload.host}/hook",
            "http://example.com/${fetch.body.next}?token=${payload.token}"})
    void webhookUrlWithPlaceholders_isAcceptedAndKeptVerbatim(String url) {
        Workflow workflow = read(request(webhook("fetch", hook("http://example.com/first", "GET")), webhook("a", hook(url, "POST"))));

        assertThat(((WebhookStep) workflow.steps().get(1)).url()).isEqualTo(url);
    }

    @Test
    void tree_holdsEveryFieldUnderItsWireName() {
        Map<String, Object> webhookBody = object("user", "${payload.user_id}", "nested", object("list", array(1, 2.5, "x", null)),
                "ok", false);
        Workflow workflow = read(object("id", "client-7", "name", "onboarding", "description", "sends a welcome call",
                "steps", array(
                        delay("wait", 1.5),
                        webhook("notify", object("url", "https://example.com/hooks/${payload.user_id}?q=a", "method", "patch",
                                "headers", object("X-User", "${payload.user_id}", "Authorization", "Bearer t"),
                                "body", webhookBody)))));

        Map<String, Object> tree = WorkflowJson.tree(workflow);

        assertThat(tree).containsExactly(
                Map.entry("uuid", UUID_1.toString()), Map.entry("id", "client-7"), Map.entry("name", "onboarding"),
                Map.entry("description", "sends a welcome call"),
                Map.entry("steps", List.of(
                        Map.of("name", "wait", "type", "delay", "config", Map.of("duration", 1.5)),
                        Map.of("name", "notify", "type", "webhook", "config", Map.of(
                                "url", "https://example.com/hooks/${payload.user_id}?q=a", "method", "PATCH",
                                "headers", Map.of("X-User", "${payload.user_id}", "Authorization", "Bearer t"),
                                "body", webhookBody)))),
                Map.entry("created_at", NOW.toString()),
                new java.util.AbstractMap.SimpleEntry<>("archived_at", null),
                Map.entry("payload_schema", Map.of("$schema", "https://json-schema.org/draft/2020-12/schema",
                        "type", "object", "required", List.of("user_id"),
                        "properties", Map.of("user_id", Map.of("type", List.of("string", "number", "boolean"))))),
                Map.entry("version", 1));
    }

    @Test
    void tree_describesNestedAndIndexedPayloadPaths_asJsonSchema() {
        Workflow workflow = read(request(webhook("a", object("url", "http://example.com/${payload.user.id}", "method", "POST",
                "body", object("first", "${payload.items.1}", "name", "${payload.user.name}")))));

        assertThat(WorkflowJson.tree(workflow).get("payload_schema")).isEqualTo(Map.of(
                "$schema", "https://json-schema.org/draft/2020-12/schema", "type", "object", "required", List.of("user", "items"),
                "properties", Map.of(
                        "user", Map.of("type", "object", "required", List.of("id", "name"), "properties", Map.of(
                                "id", Map.of("type", List.of("string", "number", "boolean")), "name", Map.of())),
                        "items", Map.of("type", List.of("object", "array"), "required", List.of("1"), "minItems", 2,
                                "properties", Map.of("1", Map.of())))));
    }

    @Test
    void givenAPlaceholderReferringToALaterStep_command_isRefusedNamingIt() {
        assertThatThrownBy(() -> read(request(webhook("a", object("url", "http://example.com/", "method", "POST",
                "body", object("t", "${b.body.token}"))), webhook("b", hook("http://example.com/", "GET")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("${b.body.token}")
                .hasMessageContaining("comes later");
    }

    @Test
    void tree_writesDurationsAsSecondsAndOmitsEmptyHeadersAndBody() {
        Workflow workflow = read(request(delay("half", 0.5), delay("two", 2), webhook("ping", hook("http://example.com/", "GET"))));

        assertThat(WorkflowJson.tree(workflow).get("steps")).isEqualTo(List.of(
                Map.of("name", "half", "type", "delay", "config", Map.of("duration", 0.5)),
                Map.of("name", "two", "type", "delay", "config", Map.of("duration", 2L)),
                Map.of("name", "ping", "type", "webhook", "config", Map.of("url", "http://example.com/", "method", "GET"))));
    }

    @Test
    void givenDurationsBeyondAnyLongNumberOfNanoseconds_command_stillNamesTheRule() {
        assertThatThrownBy(() -> read(request(delay("a", new BigDecimal("1e30")))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("steps[0].config.duration");
                    assertThat(e.getMessage()).endsWith("must be at most 3600 seconds");
                });
        assertThatThrownBy(() -> read(request(delay("a", new BigDecimal("1e-30")))))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getMessage()).endsWith("must be at least 0.001 seconds"));
    }
}
