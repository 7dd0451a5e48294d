package io.workflow.perf.http;

import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 answer: status, body, and whether the connection may be reused. */
public record Response(int status, byte[] body, boolean keepAlive) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
