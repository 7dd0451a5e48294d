package io.workflow.domain.auth;

/**
 * A request whose caller is not known: no key, a key that is not one, or a revoked key. The message
 * never says which of these, so a client cannot learn whether a key ever existed.
 */
public final class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException(String message) {
        super(message);
    }
}
