package io.workflow.adapters.http;

import io.workflow.domain.InvalidInputException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Typed reads from a request body's JSON object (parsed into plain Java objects), naming the field
 * as the client wrote it in every error. {@code path} is the object's own position ({@code ""} for
 * the top level, {@code steps[0]} inside).
 */
record RequestFields(Map<?, ?> object, String path) {

    static RequestFields of(Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(path.isEmpty() ? null : path,
                    path.isEmpty() ? "the body must be a JSON object" : "must be a JSON object");
        }
        return new RequestFields(map, path);
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return object.get(name) != null;
    }

    Object value(String name) {
        return object.get(name);
    }

    String requiredString(String name) {
        Object value = object.get(name);
        if (value == null) {
            throw new InvalidInputException(field(name), "is required");
        }
        if (!(value instanceof String text)) {
            throw new InvalidInputException(field(name), "must be a string");
        }
        return text;
    }

    String optionalString(String name) {
        return has(name) ? requiredString(name) : null;
    }

    /** A string, or a number given where a label was expected (kept as its text). */
    String optionalLabel(String name) {
        Object value = object.get(name);
        if (value instanceof Number number) {
            return number.toString();
        }
        return optionalString(name);
    }

    BigDecimal requiredNumber(String name) {
        Object value = object.get(name);
        if (value == null) {
            throw new InvalidInputException(field(name), "is required");
        }
        if (!(value instanceof Number number) || (value instanceof Double d && !Double.isFinite(d))) {
            throw new InvalidInputException(field(name), "must be a number");
        }
        return new BigDecimal(number.toString());
    }

    RequestFields requiredObject(String name) {
        if (!has(name)) {
            throw new InvalidInputException(field(name), "is required");
        }
        return of(object.get(name), field(name));
    }

    List<?> requiredArray(String name) {
        Object value = object.get(name);
        if (value == null) {
            throw new InvalidInputException(field(name), "is required");
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException(field(name), "must be an array");
        }
        return list;
    }

    UUID requiredUuid(String name) {
        String text = requiredString(name);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field(name), "must be a UUID");
        }
    }
}
