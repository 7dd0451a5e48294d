package io.workflow.application;

import io.workflow.domain.auth.Caller;

/** Tells who presents an API key. */
@FunctionalInterface
public interface AuthenticateCaller {

    /**
     * The caller {@code key} stands for, or {@link io.workflow.domain.auth.UnauthenticatedException}
     * when it is no live key (unknown, malformed or revoked: the same answer, after the same work).
     */
    Caller authenticate(String key);
}
