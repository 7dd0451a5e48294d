package io.workflow.adapters.http;

import io.workflow.domain.workflow.PayloadContract;
import io.workflow.domain.workflow.PayloadContract.PayloadPath;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow's {@link PayloadContract} as the JSON Schema (draft 2020-12) a consumer can validate a
 * payload with: every path its placeholders read is required, and one used in a URL must be a string,
 * number or boolean. A numeric segment ({@code ${payload.items.0}}) reads a list's element or an
 * object's key of that name, as the placeholder does, so its parent may be either.
 */
final class PayloadSchemaJson {
    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private PayloadSchemaJson() {
    }

    static Map<String, Object> tree(PayloadContract contract) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", DIALECT);
        root.put("type", "object");
        for (PayloadPath path : contract.paths()) {
            Map<String, Object> node = root;
            List<String> segments = path.segments();
            for (int i = 0; i < segments.size(); i++) {
                node = child(node, segments.get(i));
            }
            if (path.scalar()) {
                node.put("type", List.of("string", "number", "boolean"));
            }
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String segment) {
        List<String> required = (List<String>) parent.computeIfAbsent("required", key -> new ArrayList<String>());
        if (!required.contains(segment)) {
            required.add(segment);
        }
        if (isIndex(segment)) {
            parent.put("type", List.of("object", "array"));
            int items = Integer.parseInt(segment) + 1;
            parent.merge("minItems", items, (was, now) -> Math.max((Integer) was, (Integer) now));
        } else if (!parent.containsKey("type")) {
            parent.put("type", "object");
        }
        Map<String, Object> properties = (Map<String, Object>) parent.computeIfAbsent("properties", key -> new LinkedHashMap<String, Object>());
        return (Map<String, Object>) properties.computeIfAbsent(segment, key -> new LinkedHashMap<String, Object>());
    }

    private static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.length() <= 9 && segment.chars().allMatch(Character::isDigit);
    }
}
