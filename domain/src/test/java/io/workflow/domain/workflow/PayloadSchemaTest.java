package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadSchemaTest {
    private static final PayloadSchema ORDER = PayloadSchema.of(Map.of(
            "$schema", "https://json-schema.org/draft/2020-12/schema",
            "type", "object",
            "required", List.of("order_id", "items"),
            "additionalProperties", false,
            "properties", Map.of(
                    "order_id", Map.of("type", "string", "minLength", 3, "maxLength", 5),
                    "priority", Map.of("type", "integer", "minimum", 1, "maximum", 3),
                    "express", Map.of("type", "boolean"),
                    "note", Map.of("type", List.of("string", "null")),
                    "items", Map.of("type", "array", "minItems", 1, "maxItems", 2,
                            "items", Map.of("type", "object", "required", List.of("sku"),
                                    "properties", Map.of("sku", Map.of("enum", List.of("A", "B", 3))))))));

    @Test
    void aFittingPayload_hasNoViolations() {
        assertThat(ORDER.violations(Map.of("order_id", "abcd", "priority", 2.0, "express", true,
                "items", List.of(Map.of("sku", "A"), Map.of("sku", 3.0))))).isEmpty();
        Map<String, Object> withNull = new java.util.HashMap<>(Map.of("order_id", "abc", "items", List.of(Map.of("sku", "B"))));
        withNull.put("note", null);
        assertThat(ORDER.violations(withNull)).isEmpty();
    }

    @Test
    void everyViolation_isListedWithItsPath() {
        List<String> violations = ORDER.violations(Map.of("order_id", "ab", "priority", 4, "express", "yes", "extra", 1,
                "items", List.of(Map.of("sku", "C"), Map.of(), Map.of("sku", "A"))));

        assertThat(violations).containsExactlyInAnyOrder(
                "$.order_id: must be at least 3 characters long",
                "$.priority: must be at most 3",
                "$.express: must be boolean, is a string",
                "$.extra: is not allowed (additionalProperties is false)",
                "$.items: must hold at most 2 items",
                "$.items[0].sku: must be one of [A, B, 3]",
                "$.items[1].sku: is required");
    }

    @Test
    void missingRequiredProperties_andWrongTypes_areNamed() {
        assertThat(ORDER.violations(Map.of())).containsExactly("$.order_id: is required", "$.items: is required");
        assertThat(ORDER.violations(Map.of("order_id", 12345, "items", "none", "priority", 1.5)))
                .containsExactlyInAnyOrder("$.order_id: must be string, is a number", "$.items: must be array, is a string",
                        "$.priority: must be integer, is a number");
    }

    @Test
    void numbers_compareByValue_whateverTheirJavaType() {
        PayloadSchema schema = PayloadSchema.of(Map.of("properties", Map.of("n", Map.of("minimum", new BigDecimal("0.5")))));
        assertThat(schema.violations(Map.of("n", 0.5))).isEmpty();
        assertThat(schema.violations(Map.of("n", 0L))).containsExactly("$.n: must be at least 0.5");
    }

    @Test
    void anUnsupportedKeyword_isRefused_namingIt() {
        assertThatThrownBy(() -> PayloadSchema.of(Map.of("properties", Map.of("email", Map.of("type", "string", "format", "email")))))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("payload_schema.properties.email.format"))
                .hasMessageContaining("does not support");
        assertThatThrownBy(() -> PayloadSchema.of(Map.of("oneOf", List.of())))
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("payload_schema.oneOf"));
    }

    @Test
    void malformedKeywordValues_areRefused_namingTheKeyword() {
        assertField(Map.of("type", "text"), "payload_schema.type");
        assertField(Map.of("type", "array"), "payload_schema.type");
        assertField(Map.of("required", "id"), "payload_schema.required");
        assertField(Map.of("properties", Map.of("n", Map.of("minimum", "1"))), "payload_schema.properties.n.minimum");
        assertField(Map.of("properties", Map.of("s", Map.of("maxLength", -1))), "payload_schema.properties.s.maxLength");
        assertField(Map.of("properties", Map.of("s", Map.of("maxLength", 1.5))), "payload_schema.properties.s.maxLength");
        assertField(Map.of("additionalProperties", Map.of()), "payload_schema.additionalProperties");
        assertField(Map.of("enum", List.of()), "payload_schema.enum");
        assertField(Map.of("properties", Map.of("x", "string")), "payload_schema.properties.x");
    }

    @Test
    void enum_mayHoldNull() {
        PayloadSchema schema = PayloadSchema.of(Map.of("properties", Map.of("x", Map.of("enum", Arrays.asList("a", null)))));
        Map<String, Object> payload = new java.util.HashMap<>();
        payload.put("x", null);
        assertThat(schema.violations(payload)).isEmpty();
        assertThat(schema.violations(Map.of("x", "b"))).hasSize(1);
    }

    private static void assertField(Map<String, ?> tree, String field) {
        assertThatThrownBy(() -> PayloadSchema.of(tree))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }
}
