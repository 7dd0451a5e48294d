package io.workflow.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Typed reads from a JSON object held as plain Java objects, naming the field in every error.
 * {@code path} is the object's own position ({@code ""} for the top level, {@code steps[0]} inside).
 */
public record DocumentFields(Map<?, ?> object, String path) {

    public static DocumentFields of(Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(path.isEmpty() ? null : path,
                    path.isEmpty() ? "the body must be a JSON object" : "must be a JSON object");
        }
        return new DocumentFields(map, path);
    }

    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        return object.get(name) != null;
    }

    public Object value(String name) {
        return object.get(name);
    }

    public String requiredString(String name) {
        Object value = object.get(name);
        if (value == null) {
            throw new InvalidInputException(field(name), "is required");
        }
        if (!(value instanceof String text)) {
            throw new InvalidInputException(field(name), "must be a string");
        }
        return text;
    }

    public String optionalString(String name) {
        return has(name) ? requiredString(name) : null;
    }

    /** A string, or a number given where a label was expected (kept as its text). */
    public String optionalLabel(String name) {
        Object value = object.get(name);
        if (value instanceof Number number) {
            return number.toString();
        }
        return optionalString(name);
    }

    public BigDecimal requiredNumber(String name) {
        Object value = object.get(name);
        if (value == null) {
            throw new InvalidInputException(field(name), "is required");
        }
        if (!(value instanceof Number number) || (value instanceof Double d && !Double.isFinite(d))) {
            throw new InvalidInputException(field(name), "must be a number");
        }
        return new BigDecimal(number.toString());
    }

    public DocumentFields requiredObject(String name) {
        if (!has(name)) {
            throw new InvalidInputException(field(name), "is required");
        }
        return of(object.get(name), field(name));
    }

    public List<?> requiredArray(String name) {
        Object value = object.get(name);
        if (value == null) {
            throw new InvalidInputException(field(name), "is required");
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException(field(name), "must be an array");
        }
        return list;
    }

    public UUID requiredUuid(String name) {
        String text = requiredString(name);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field(name), "must be a UUID");
        }
    }

    public Instant optionalInstant(String name) {
        String text = optionalString(name);
        try {
            return text == null ? null : UtcInstants.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field(name), "must be an ISO-8601 instant");
        }
    }

    public Instant requiredInstant(String name) {
        requiredString(name);
        return optionalInstant(name);
    }
}
