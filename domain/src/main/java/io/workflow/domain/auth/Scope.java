package io.workflow.domain.auth;

import io.workflow.domain.InvalidInputException;

import java.util.Arrays;

/**
 * What an API key may do. {@link #ADMIN} manages keys and, so that one bootstrap key can set up a
 * tenant, also holds every other scope.
 */
public enum Scope {
    WORKFLOWS_READ("workflows:read"),
    WORKFLOWS_WRITE("workflows:write"),
    RUNS_READ("runs:read"),
    RUNS_TRIGGER("runs:trigger"),
    ADMIN("admin");

    private final String text;

    Scope(String text) {
        this.text = text;
    }

    /** The scope's name as clients write it, such as {@code runs:trigger}. */
    public String text() {
        return text;
    }

    /** The scope named {@code text}; an {@link InvalidInputException} on {@code field} naming the valid ones otherwise. */
    public static Scope parse(String text, String field) {
        for (Scope scope : values()) {
            if (scope.text.equals(text)) {
                return scope;
            }
        }
        throw new InvalidInputException(field, "'" + text + "' is not a scope; one of "
                + Arrays.stream(values()).map(Scope::text).toList());
    }
}
