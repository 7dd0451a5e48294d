package io.workflow.domain;

/**
 * Input that breaks a domain rule. {@code field} names the offending field as the client sent it
 * (for example {@code steps[1].config.duration}), or is null when the input as a whole is wrong.
 */
public final class InvalidInputException extends RuntimeException {
    private final String field;
    private final String reason;

    public InvalidInputException(String field, String reason) {
        super(field == null ? reason : field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    /** What is wrong, without the field name. */
    public String reason() {
        return reason;
    }
}
