package io.workflow.domain.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a step can see: the run's {@code payload} and the outputs of the steps before it, by name.
 * Resolves placeholders such as {@code ${payload.user_id}} or {@code ${fetch.body.token}}: a
 * placeholder that is the whole string takes the referenced value with its type; one inside a
 * longer string is replaced by the value's text (strings as they are, other values as the caller
 * renders them). An unknown reference is an error, not a blank.
 */
public final class RunContext {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    /** What {@link #find} returns for a path that is there and holds JSON null (an Optional cannot hold null). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final Map<String, Object> roots;

    private RunContext(Map<String, Object> roots) {
        this.roots = roots;
    }

    public static RunContext of(Map<String, ?> payload, Map<String, StepResult> earlierResults) {
        Map<String, Object> roots = new LinkedHashMap<>();
        earlierResults.forEach((name, result) -> roots.put(name, result.output()));
        roots.put("payload", payload);
        return new RunContext(roots);
    }

    /** The text with every placeholder replaced by {@code standIn}: how it reads once resolved, for checks ahead of a run. */
    public static String replacePlaceholders(String text, String standIn) {
        return PLACEHOLDER.matcher(text).replaceAll(Matcher.quoteReplacement(standIn));
    }

    /** The paths of the placeholders in {@code text}, in order, as {@link #resolve} reads them ({@code payload.user_id}). */
    public static List<String> placeholders(String text) {
        List<String> paths = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            paths.add(matcher.group(1).trim());
        }
        return paths;
    }

    /** The value a placeholder with this path resolves to, or empty when it names nothing. */
    public Optional<Object> find(String path) {
        try {
            return Optional.ofNullable(lookup(path)).or(() -> Optional.of(NULL));
        } catch (UnresolvedPlaceholderException e) {
            return Optional.empty();
        }
    }

    /**
     * Resolves every placeholder inside a structured value (maps, lists and strings are walked).
     * {@code inlineText} says how a value that is not a string reads inside a longer string; it is
     * the caller's, because it depends on the format the value is sent in (JSON for a webhook).
     */
    public Object resolve(Object template, Function<Object, String> inlineText) {
        return switch (template) {
            case String text -> resolveString(text, inlineText);
            case Map<?, ?> map -> {
                Map<String, Object> resolved = new LinkedHashMap<>();
                map.forEach((key, value) -> resolved.put(String.valueOf(key), resolve(value, inlineText)));
                yield resolved;
            }
            case List<?> list -> list.stream().map(value -> resolve(value, inlineText)).toList();
            case null, default -> template;
        };
    }

    /** Resolves placeholders in a string and always returns text. */
    public String resolveText(String template, Function<Object, String> inlineText) {
        return text(resolveString(template, inlineText), inlineText);
    }

    private static String text(Object value, Function<Object, String> inlineText) {
        return value instanceof String s ? s : inlineText.apply(value);
    }

    private Object resolveString(String text, Function<Object, String> inlineText) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        if (matcher.matches()) {
            return lookup(matcher.group(1).trim());
        }
        matcher.reset();
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(text(lookup(matcher.group(1).trim()), inlineText)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Object lookup(String path) {
        String[] parts = path.split("\\.");
        if (!roots.containsKey(parts[0])) {
            throw new UnresolvedPlaceholderException(path, "no payload or earlier step named '" + parts[0] + "'");
        }
        Object current = roots.get(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (current instanceof Map<?, ?> map && map.containsKey(parts[i])) {
                current = map.get(parts[i]);
            } else if (current instanceof List<?> list && isIndex(parts[i], list.size())) {
                current = list.get(Integer.parseInt(parts[i]));
            } else {
                throw new UnresolvedPlaceholderException(path, "'" + parts[i] + "' is not there");
            }
        }
        return current;
    }

    private static boolean isIndex(String part, int size) {
        if (part.isEmpty() || part.length() > 9 || !part.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(part) < size;
    }

    /** A placeholder that names nothing in the context. */
    public static final class UnresolvedPlaceholderException extends RuntimeException {
        public UnresolvedPlaceholderException(String path, String why) {
            super("placeholder ${" + path + "} cannot be resolved: " + why);
        }
    }
}
