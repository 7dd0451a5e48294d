package io.workflow.perf.http;

import java.io.IOException;

/** The peer sent bytes that are not a valid HTTP/1.x response. */
final class MalformedResponseException extends IOException {

    MalformedResponseException(String message) {
        super(message);
    }
}
