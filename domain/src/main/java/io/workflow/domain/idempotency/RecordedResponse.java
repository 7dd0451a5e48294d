package io.workflow.domain.idempotency;

import java.util.Map;
import java.util.Objects;

/**
 * The answer given to the first request with a key, kept so a repeat gets the same one: its status,
 * the headers worth repeating (such as {@code Location}) and its body as text.
 */
public record RecordedResponse(int status, Map<String, String> headers, String body) {
    public RecordedResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        Objects.requireNonNull(body, "body");
    }
}
