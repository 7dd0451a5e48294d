package io.workflow.domain.auth;

/** A caller that is who it says but lacks the scope a request needs. */
public final class ForbiddenException extends RuntimeException {
    private final Scope missing;

    public ForbiddenException(Scope missing) {
        super("this API key lacks the scope '" + missing.text() + "'");
        this.missing = missing;
    }

    /** The scope the request needed. */
    public Scope missing() {
        return missing;
    }
}
