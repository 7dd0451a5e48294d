package io.workflow.adapters.steps;

import java.net.UnknownHostException;

/**
 * A webhook's host resolved to an address the policy forbids. An {@link UnknownHostException}, so
 * that when the resolver raises it inside the HTTP client's own lookup the client treats the host
 * as unresolvable and connects nowhere.
 */
final class BlockedAddressException extends UnknownHostException {
    private final String reason;

    BlockedAddressException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** Why, for the step's error: "127.0.0.1 is a loopback address". */
    String reason() {
        return reason;
    }
}
