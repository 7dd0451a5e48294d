package io.workflow.domain;

/** A workflow or run that does not exist. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
