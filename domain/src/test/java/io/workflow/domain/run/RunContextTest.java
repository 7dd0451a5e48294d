package io.workflow.domain.run;

import io.workflow.domain.run.RunContext.UnresolvedPlaceholderException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunContextTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    /** How a non-text value reads inside a string is the caller's choice (the webhook adapter's JSON). */
    private static final Function<Object, String> INLINE = String::valueOf;

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
    void wholeValuePlaceholder_keepsANumbersType() {
        assertThat(context.resolve("${payload.user_id}", INLINE)).isEqualTo(42);
        assertThat(context.resolve("${payload.ratio}", INLINE)).isEqualTo(1.5);
        assertThat(context.resolve("${fetch.status}", INLINE)).isEqualTo(200);
    }

    @Test
    void wholeValuePlaceholder_keepsAMapAsAMap() {
        assertThat(context.resolve("${payload.user}", INLINE)).isEqualTo(Map.of("id", "u-7", "tags", List.of("a", "b")));
        assertThat(context.resolve("${payload}", INLINE)).isEqualTo(payload);
    }

    @Test
    void placeholderInsideAString_isReplacedByItsText() {
        assertThat(context.resolve("user ${payload.user_id} is ${payload.name}", INLINE)).isEqualTo("user 42 is Ada");
        assertThat(context.resolve("Bearer ${fetch.body.token}", INLINE)).isEqualTo("Bearer t-123");
    }

    @Test
    void nestedPath_isFollowed() {
        assertThat(context.resolve("${payload.user.id}", INLINE)).isEqualTo("u-7");
    }

    @Test
    void numericPart_indexesIntoAList() {
        assertThat(context.resolve("${fetch.body.items.0}", INLINE)).isEqualTo("first");
        assertThat(context.resolve("${fetch.body.items.1}", INLINE)).isEqualTo("second");
        assertThat(context.resolve("${payload.user.tags.1}", INLINE)).isEqualTo("b");
    }

    @Test
    void earlierStepOutput_isReferencedByStepName() {
        assertThat(context.resolve("${wait.delayed_seconds}", INLINE)).isEqualTo(0.5);
        assertThat(context.resolve("${fetch}", INLINE)).isEqualTo(Map.of(
                "status", 200, "body", Map.of("token", "t-123", "items", List.of("first", "second"))));
    }

    @Test
    void spacesInsideTheBraces_areIgnored() {
        assertThat(context.resolve("${ payload.user_id }", INLINE)).isEqualTo(42);
    }

    @Test
    void givenUnknownRoot_resolve_throwsNamingThePlaceholder() {
        assertThatThrownBy(() -> context.resolve("${nosuchstep.value}", INLINE))
                .isInstanceOf(UnresolvedPlaceholderException.class)
                .hasMessageContaining("${nosuchstep.value}")
                .hasMessageContaining("nosuchstep");
    }

    @Test
    void givenUnknownField_resolve_throwsNamingThePlaceholder() {
        assertThatThrownBy(() -> context.resolve("id=${payload.missing}", INLINE))
                .isInstanceOf(UnresolvedPlaceholderException.class)
                .hasMessageContaining("${payload.missing}")
                .hasMessageContaining("missing");
    }

    @Test
    void givenIndexOutOfRangeOrIntoAScalar_resolve_throws() {
        assertThatThrownBy(() -> context.resolve("${fetch.body.items.2}", INLINE))
                .isInstanceOf(UnresolvedPlaceholderException.class)
                .hasMessageContaining("${fetch.body.items.2}");
        assertThatThrownBy(() -> context.resolve("${payload.user_id.more}", INLINE))
                .isInstanceOf(UnresolvedPlaceholderException.class)
                .hasMessageContaining("${payload.user_id.more}");
        assertThatThrownBy(() -> context.resolve("${fetch.body.items.first}", INLINE))
                .isInstanceOf(UnresolvedPlaceholderException.class);
    }

    @Test
    void mapsAndLists_areWalkedRecursively() {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("user", "${payload.user_id}");
        template.put("nested", Map.of("token", "${fetch.body.token}", "list", List.of("${payload.name}", 3, "x-${payload.user_id}")));
        template.put("plain", true);
        template.put("nothing", null);

        Object resolved = context.resolve(template, INLINE);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("user", 42);
        expected.put("nested", Map.of("token", "t-123", "list", List.of("Ada", 3, "x-42")));
        expected.put("plain", true);
        expected.put("nothing", null);
        assertThat(resolved).isEqualTo(expected);
    }

    @Test
    void listWithNulls_isWalkedToo() {
        assertThat(context.resolve(Arrays.asList(null, "${payload.name}"), INLINE)).isEqualTo(Arrays.asList(null, "Ada"));
    }

    @Test
    void stringsWithoutPlaceholders_andScalars_areUntouched() {
        assertThat(context.resolve("plain text", INLINE)).isEqualTo("plain text");
        assertThat(context.resolve("$ {payload.user_id} and {payload.name} and $payload", INLINE)).isEqualTo("$ {payload.user_id} and {payload.name} and $payload");
        assertThat(context.resolve("", INLINE)).isEqualTo("");
        assertThat(context.resolve(12, INLINE)).isEqualTo(12);
        assertThat(context.resolve(null, INLINE)).isNull();
        assertThat(context.resolve(false, INLINE)).isEqualTo(false);
    }

    @Test
    void replacementText_withDollarsAndBackslashes_isInsertedLiterally() {
        RunContext withOddText = RunContext.of(Map.of("price", "$5 \\ off"), Map.of());

        assertThat(withOddText.resolve("deal: ${payload.price}!", INLINE)).isEqualTo("deal: $5 \\ off!");
    }

    @Test
    void resolveText_alwaysReturnsText() {
        assertThat(context.resolveText("${payload.user_id}", INLINE)).isEqualTo("42");
        assertThat(context.resolveText("id-${payload.user_id}", INLINE)).isEqualTo("id-42");
    }

    @Test
    void givenNoEarlierSteps_stepReference_throwsButPayloadResolves() {
        RunContext first = RunContext.of(payload, Map.of());

        assertThat(first.resolve("${payload.name}", INLINE)).isEqualTo("Ada");
        assertThatThrownBy(() -> first.resolve("${fetch.status}", INLINE))
                .isInstanceOf(UnresolvedPlaceholderException.class);
    }
}
