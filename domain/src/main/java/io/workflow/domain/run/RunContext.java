package io.workflow.domain.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a step can see: the run's {@code payload} and the outputs of the steps before it, by name.
 * Resolves placeholders such as {@code ${payload.user_id}} or {@code ${fetch.body.token}}: a
 * placeholder that is the whole string takes the referenced value with its type; one inside a
 * longer string is replaced by the value's text (objects and lists as JSON). An unknown reference
 * is an error, not a blank.
 */
public final class RunContext {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, Object> roots;

    private RunContext(Map<String, Object> roots) {
        this.roots = roots;
    }

    public static RunContext of(Object payload, Map<String, StepResult> earlierResults) {
        Map<String, Object> roots = new LinkedHashMap<>();
        earlierResults.forEach((name, result) -> roots.put(name, result.output()));
        roots.put("payload", payload);
        return new RunContext(roots);
    }

    /** The text with every placeholder replaced by {@code standIn}: how it reads once resolved, for checks ahead of a run. */
    public static String replacePlaceholders(String text, String standIn) {
        return PLACEHOLDER.matcher(text).replaceAll(Matcher.quoteReplacement(standIn));
    }

    /** Resolves every placeholder inside a JSON value (maps, lists and strings are walked). */
    public Object resolve(Object template) {
        return switch (template) {
            case String text -> resolveString(text);
            case Map<?, ?> map -> {
                Map<String, Object> resolved = new LinkedHashMap<>();
                map.forEach((key, value) -> resolved.put(String.valueOf(key), resolve(value)));
                yield resolved;
            }
            case List<?> list -> list.stream().map(this::resolve).toList();
            case null, default -> template;
        };
    }

    /** Resolves placeholders in a string and always returns text. */
    public String resolveText(String template) {
        return text(resolveString(template));
    }

    /** A value as it reads inside a string: text as is, objects and lists as JSON. */
    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        StringBuilder json = new StringBuilder();
        appendJson(json, value);
        return json.toString();
    }

    private static void appendJson(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> appendJsonString(out, s);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(first ? "" : ",");
                    first = false;
                    appendJsonString(out, String.valueOf(entry.getKey()));
                    out.append(':');
                    appendJson(out, entry.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    appendJson(out, list.get(i));
                }
                out.append(']');
            }
            default -> out.append(value);
        }
    }

    private static void appendJsonString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private Object resolveString(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        if (matcher.matches()) {
            return lookup(matcher.group(1).trim());
        }
        matcher.reset();
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(text(lookup(matcher.group(1).trim()))));
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
