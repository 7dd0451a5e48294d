package io.workflow.domain.run;

import io.workflow.domain.run.RunContext.UnresolvedPlaceholderException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunContextTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private final Map<String, Object> payload = Map.of(
            "user_id", 42,
            "name", "Ada",
            "user", Map.of("id", "u-7", "tags", List.of("a", "b")),
            "ratio", 1.5);

    private final RunContext context = RunContext.of(payload, results(
            StepResult.succeeded("fetch", T0, T0, Map.of(
                    "status", 200,
                    "body", Map.of("token", "t-123", "items", List.of("first", "second")))),
            StepResult.succeeded("wait", T0, T0, Map.of("delayed_seconds", 0.5))));

    private static Map<String, StepResult> results(StepResult... results) {
        Map<String, StepResult> map = new LinkedHashMap<>();
        for (StepResult result : results) {
            map.put(result.stepName(), result);
        }
        return map;
    }

    @Test
    void objectsAndListsInsideALongerString_readAsJson() {
        assertThat((String) context.resolve("user=${payload.user}"))
                .isIn("user={\"id\":\"u-7\",\"tags\":[\"a\",\"b\"]}", "user={\"tags\":[\"a\",\"b\"],\"id\":\"u-7\"}");
        assertThat((String) context.resolve("tags ${payload.user.tags} of \"${payload.name}\""))
                .isEqualTo("tags [\"a\",\"b\"] of \"Ada\"");
        assertThat(context.resolveText("${payload.user.tags}")).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void wholeValuePlaceholder_keepsANumbersType() {
        assertThat(context.resolve("${payload.user_id}")).isEqualTo(42);
        assertThat(context.resolve("${payload.ratio}")).isEqualTo(1.5);
        assertThat(context.resolve("${fetch.status}")).isEqualTo(200);
    }

    @Test
    void wholeValuePlaceholder_keepsAMapAsAMap() {
        assertThat(context.resolve("${payload.user}")).isEqualTo(Map.of("id", "u-7", "tags", List.of("a", "b")));
        assertThat(context.resolve("${payload}")).isEqualTo(payload);
    }

    @Test
    void placeholderInsideAString_isReplacedByItsText() {
        assertThat(context.resolve("user ${payload.user_id} is ${payload.name}")).isEqualTo("user 42 is Ada");
        assertThat(context.resolve("Bearer ${fetch.body.token}")).isEqualTo("Bearer t-123");
    }

    @Test
    void nestedPath_isFollowed() {
        assertThat(context.resolve("${payload.user.id}")).isEqualTo("u-7");
    }

    @Test
    void numericPart_indexesIntoAList() {
        assertThat(context.resolve("${fetch.body.items.0}")).isEqualTo("first");
        assertThat(context.resolve("${fetch.body.items.1}")).isEqualTo("second");
        assertThat(context.resolve("${payload.user.tags.1}")).isEqualTo("b");
    }

    @Test
    void earlierStepOutput_isReferencedByStepName() {
        assertThat(context.resolve("${wait.delayed_seconds}")).isEqualTo(0.5);
        assertThat(context.resolve("${fetch}")).isEqualTo(Map.of(
                "status", 200, "body", Map.of("token", "t-123", "items", List.of("first", "second"))));
    }

    @Test
    void spacesInsideTheBraces_areIgnored() {
        assertThat(context.resolve("${ payload.user_id }")).isEqualTo(42);
    }

    @Test
    void givenUnknownRoot_resolve_throwsNamingThePlaceholder() {
        assertThatThrownBy(() -> context.resolve("${nosuchstep.value}"))
                .isInstanceOf(UnresolvedPlaceholderException.class)
                .hasMessageContaining("${nosuchstep.value}")
                .hasMessageContaining("nosuchstep");
    }

    @Test
    void givenUnknownField_resolve_throwsNamingThePlaceholder() {
        assertThatThrownBy(() -> context.resolve("id=${payload.missing}"))
                .isInstanceOf(UnresolvedPlaceholderException.class)
                .hasMessageContaining("${payload.missing}")
                .hasMessageContaining("missing");
    }

    @Test
    void givenIndexOutOfRangeOrIntoAScalar_resolve_throws() {
        assertThatThrownBy(() -> context.resolve("${fetch.body.items.2}"))
                .isInstanceOf(UnresolvedPlaceholderException.class)
                .hasMessageContaining("${fetch.body.items.2}");
        assertThatThrownBy(() -> context.resolve("${payload.user_id.more}"))
                .isInstanceOf(UnresolvedPlaceholderException.class)
                .hasMessageContaining("${payload.user_id.more}");
        assertThatThrownBy(() -> context.resolve("${fetch.body.items.first}"))
                .isInstanceOf(UnresolvedPlaceholderException.class);
    }

    @Test
    void mapsAndLists_areWalkedRecursively() {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("user", "${payload.user_id}");
        template.put("nested", Map.of("token", "${fetch.body.token}", "list", List.of("${payload.name}", 3, "x-${payload.user_id}")));
        template.put("plain", true);
        template.put("nothing", null);

        Object resolved = context.resolve(template);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("user", 42);
        expected.put("nested", Map.of("token", "t-123", "list", List.of("Ada", 3, "x-42")));
        expected.put("plain", true);
        expected.put("nothing", null);
        assertThat(resolved).isEqualTo(expected);
    }

    @Test
    void listWithNulls_isWalkedToo() {
        assertThat(context.resolve(Arrays.asList(null, "${payload.name}"))).isEqualTo(Arrays.asList(null, "Ada"));
    }

    @Test
    void stringsWithoutPlaceholders_andScalars_areUntouched() {
        assertThat(context.resolve("plain text")).isEqualTo("plain text");
        assertThat(context.resolve("$ {payload.user_id} and {payload.name} and $payload")).isEqualTo("$ {payload.user_id} and {payload.name} and $payload");
        assertThat(context.resolve("")).isEqualTo("");
        assertThat(context.resolve(12)).isEqualTo(12);
        assertThat(context.resolve(null)).isNull();
        assertThat(context.resolve(false)).isEqualTo(false);
    }

    @Test
    void replacementText_withDollarsAndBackslashes_isInsertedLiterally() {
        RunContext withOddText = RunContext.of(Map.of("price", "$5 \\ off"), Map.of());

        assertThat(withOddText.resolve("deal: ${payload.price}!")).isEqualTo("deal: $5 \\ off!");
    }

    @Test
    void resolveText_alwaysReturnsText() {
        assertThat(context.resolveText("${payload.user_id}")).isEqualTo("42");
        assertThat(context.resolveText("id-${payload.user_id}")).isEqualTo("id-42");
    }

    @Test
    void givenNoEarlierSteps_stepReference_throwsButPayloadResolves() {
        RunContext first = RunContext.of(payload, Map.of());

        assertThat(first.resolve("${payload.name}")).isEqualTo("Ada");
        assertThatThrownBy(() -> first.resolve("${fetch.status}"))
                .isInstanceOf(UnresolvedPlaceholderException.class);
    }
}
