package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;

import java.util.regex.Pattern;

/** The rule for step names: they key step results and appear in placeholders, so no dots or braces. */
final class StepNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\- ]{1,100}");

    private StepNames() {
    }

    static void check(String name, String field) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        if (!NAME.matcher(name).matches() || "payload".equals(name)) {
            throw new InvalidInputException(field,
                    "must be 1-100 letters, digits, spaces, '_' or '-', and not 'payload'");
        }
    }
}
