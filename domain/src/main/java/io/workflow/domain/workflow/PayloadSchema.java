package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The payload schema a workflow's author declares: a subset of JSON Schema, read from the named values
 * a payload is made of (maps, lists, strings, numbers, booleans, null). Supported keywords: {@code type}
 * (one name or a list of {@code object, array, string, number, integer, boolean, null}),
 * {@code properties}, {@code required}, {@code additionalProperties} (a boolean), {@code items},
 * {@code enum}, {@code minimum}, {@code maximum}, {@code minLength}, {@code maxLength},
 * {@code minItems}, {@code maxItems}; the annotations {@code $schema}, {@code title} and
 * {@code description} are kept and ignored. Any other keyword is refused, so a schema never seems to
 * promise a check that is not made. The root, if it names a type, must be {@code object}: a payload is one.
 */
public final class PayloadSchema {
    /** The field the schema is declared in, as errors name it. */
    public static final String FIELD = "payload_schema";
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "title", "description");
    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties", "items",
            "enum", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems");
    private static final int MAX_DEPTH = 32;

    private final Map<String, Object> tree;
    private final Node root;

    private PayloadSchema(Map<String, Object> tree, Node root) {
        this.tree = tree;
        this.root = root;
    }

    /** The schema {@code tree} declares; {@link InvalidInputException} names the first keyword or value it cannot accept. */
    public static PayloadSchema of(Map<String, ?> tree) {
        Objects.requireNonNull(tree, "tree");
        Node root = node(tree, FIELD, 0);
        if (root.types != null && !root.types.equals(Set.of("object"))) {
            throw new InvalidInputException(FIELD + ".type", "must be \"object\": a payload is a JSON object");
        }
        return new PayloadSchema(Collections.unmodifiableMap(new LinkedHashMap<>(tree)), root);
    }

    /** The schema as declared. */
    public Map<String, Object> tree() {
        return tree;
    }

    /** Every place {@code payload} breaks the schema, one line each, {@code $.path: what is wrong}; empty when it fits. */
    public List<String> violations(Map<String, ?> payload) {
        List<String> found = new ArrayList<>();
        root.check(payload == null ? Map.of() : payload, "$", found);
        return found;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PayloadSchema schema && schema.tree.equals(tree);
    }

    @Override
    public int hashCode() {
        return tree.hashCode();
    }

    @Override
    public String toString() {
        return "PayloadSchema" + tree;
    }

    private record Node(Set<String> types, Map<String, Node> properties, List<String> required, boolean closed,
                        Node items, List<Object> allowed, BigDecimal minimum, BigDecimal maximum,
                        Integer minLength, Integer maxLength, Integer minItems, Integer maxItems) {

        void check(Object value, String path, List<String> found) {
            if (types != null && types.stream().noneMatch(type -> isOf(type, value))) {
                found.add(path + ": must be " + String.join(" or ", types) + ", is " + typeOf(value));
                return;
            }
            if (allowed != null && allowed.stream().noneMatch(option -> same(option, value))) {
                found.add(path + ": must be one of " + allowed);
            }
            switch (value) {
                case Map<?, ?> map -> checkObject(map, path, found);
                case List<?> list -> checkArray(list, path, found);
                case String text -> {
                    int length = text.codePointCount(0, text.length());
                    if (minLength != null && length < minLength) {
                        found.add(path + ": must be at least " + minLength + " characters long");
                    }
                    if (maxLength != null && length > maxLength) {
                        found.add(path + ": must be at most " + maxLength + " characters long");
                    }
                }
                case Number number when !(value instanceof Boolean) -> {
                    BigDecimal decimal = decimal(number);
                    if (decimal != null && minimum != null && decimal.compareTo(minimum) < 0) {
                        found.add(path + ": must be at least " + minimum.toPlainString());
                    }
                    if (decimal != null && maximum != null && decimal.compareTo(maximum) > 0) {
                        found.add(path + ": must be at most " + maximum.toPlainString());
                    }
                }
                case null, default -> {
                }
            }
        }

        private void checkObject(Map<?, ?> map, String path, List<String> found) {
            for (String name : required) {
                if (!map.containsKey(name)) {
                    found.add(path + "." + name + ": is required");
                }
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                Node property = properties.get(name);
                if (property != null) {
                    property.check(entry.getValue(), path + "." + name, found);
                } else if (closed) {
                    found.add(path + "." + name + ": is not allowed (additionalProperties is false)");
                }
            }
        }

        private void checkArray(List<?> list, String path, List<String> found) {
            if (minItems != null && list.size() < minItems) {
                found.add(path + ": must hold at least " + minItems + " items");
            }
            if (maxItems != null && list.size() > maxItems) {
                found.add(path + ": must hold at most " + maxItems + " items");
            }
            if (items != null) {
                for (int i = 0; i < list.size(); i++) {
                    items.check(list.get(i), path + "[" + i + "]", found);
                }
            }
        }
    }

    private static Node node(Object value, String at, int depth) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(at, "must be a JSON Schema object");
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(at, "nests deeper than " + MAX_DEPTH + " levels");
        }
        for (Object key : map.keySet()) {
            String keyword = String.valueOf(key);
            if (!KEYWORDS.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                throw new InvalidInputException(at + "." + keyword, "is a JSON Schema keyword this service does not support; "
                        + "supported: " + String.join(", ", KEYWORDS.stream().sorted().toList()));
            }
        }
        Map<String, Node> properties = new LinkedHashMap<>();
        if (map.get("properties") != null) {
            if (!(map.get("properties") instanceof Map<?, ?> declared)) {
                throw new InvalidInputException(at + ".properties", "must be an object of schemas");
            }
            declared.forEach((name, schema) -> properties.put(String.valueOf(name),
                    node(schema, at + ".properties." + name, depth + 1)));
        }
        Object closed = map.get("additionalProperties");
        if (closed != null && !(closed instanceof Boolean)) {
            throw new InvalidInputException(at + ".additionalProperties", "must be true or false (schemas are not supported there)");
        }
        List<Object> allowed = null;
        if (map.containsKey("enum")) {
            if (!(map.get("enum") instanceof List<?> options) || options.isEmpty()) {
                throw new InvalidInputException(at + ".enum", "must be a non-empty array");
            }
            // Kept as given, null included (List.copyOf would refuse it).
            allowed = Collections.unmodifiableList(new ArrayList<>(options));
        }
        return new Node(types(map.get("type"), at + ".type"), properties, required(map.get("required"), at + ".required"),
                Boolean.FALSE.equals(closed), map.get("items") == null ? null : node(map.get("items"), at + ".items", depth + 1),
                allowed, bound(map.get("minimum"), at + ".minimum"), bound(map.get("maximum"), at + ".maximum"),
                count(map.get("minLength"), at + ".minLength"), count(map.get("maxLength"), at + ".maxLength"),
                count(map.get("minItems"), at + ".minItems"), count(map.get("maxItems"), at + ".maxItems"));
    }

    private static Set<String> types(Object value, String at) {
        if (value == null) {
            return null;
        }
        List<?> names = value instanceof List<?> list ? list : List.of(value);
        Set<String> types = new LinkedHashSet<>();
        for (Object name : names) {
            if (!(name instanceof String type) || !TYPES.contains(type)) {
                throw new InvalidInputException(at, "must be one of " + String.join(", ", TYPES.stream().sorted().toList())
                        + " (or a list of them), not " + name);
            }
            types.add(type);
        }
        if (types.isEmpty()) {
            throw new InvalidInputException(at, "must name at least one type");
        }
        return types;
    }

    private static List<String> required(Object value, String at) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> names) || !names.stream().allMatch(String.class::isInstance)) {
            throw new InvalidInputException(at, "must be an array of property names");
        }
        return names.stream().map(String.class::cast).distinct().toList();
    }

    private static BigDecimal bound(Object value, String at) {
        if (value == null) {
            return null;
        }
        BigDecimal decimal = value instanceof Number number && !(value instanceof Boolean) ? decimal(number) : null;
        if (decimal == null) {
            throw new InvalidInputException(at, "must be a number");
        }
        return decimal;
    }

    private static Integer count(Object value, String at) {
        if (value == null) {
            return null;
        }
        BigDecimal decimal = value instanceof Number number && !(value instanceof Boolean) ? decimal(number) : null;
        if (decimal == null || decimal.signum() < 0 || !isWhole(decimal) || decimal.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new InvalidInputException(at, "must be a non-negative integer");
        }
        return decimal.intValueExact();
    }

    private static boolean isOf(String type, Object value) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "null" -> value == null;
            case "number" -> value instanceof Number && decimal((Number) value) != null;
            case "integer" -> value instanceof Number number && decimal(number) != null && isWhole(decimal(number));
            default -> false;
        };
    }

    private static String typeOf(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> map -> "an object";
            case List<?> list -> "an array";
            case String text -> "a string";
            case Boolean bool -> "a boolean";
            case Number number -> "a number";
            default -> value.getClass().getSimpleName();
        };
    }

    /** Equality as JSON sees it: numbers by value (1 and 1.0 are one number), the rest as values. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Boolean) && !(b instanceof Boolean)) {
            BigDecimal dx = decimal(x);
            BigDecimal dy = decimal(y);
            return dx != null && dy != null && dx.compareTo(dy) == 0;
        }
        return Objects.equals(a, b);
    }

    private static boolean isWhole(BigDecimal decimal) {
        return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
    }

    /** The number's exact value; null for the doubles JSON cannot hold (NaN, infinities). */
    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            return Double.isFinite(value) ? new BigDecimal(Double.toString(value)) : null;
        }
        return new BigDecimal(number.toString());
    }
}
