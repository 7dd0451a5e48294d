package io.workflow.adapters.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may hold of the server, and for how long ({@code http.*} in bootstrap's
 * application.yaml). The API's requests share {@code apiPermits}, with a FIFO queue behind them;
 * {@code /health}, {@code /} and {@code /observe/*} never wait for a permit. A client has
 * {@code headerTimeout} from the first byte of a request to the end of its headers, then
 * {@code bodyTimeout} to send the whole body; one that does not is cut off and frees what it held.
 *
 * @param apiPermits         requests under {@code /api/} worked on at once
 * @param apiQueueLength     requests waiting for a permit; beyond it a request is answered 503 at once
 * @param apiQueueTimeout    the longest a request waits for a permit before it is answered 503
 * @param headerTimeout      from a request's first byte to the end of its headers
 * @param bodyTimeout        from the end of the headers to the end of the body
 * @param maxPrologueLength  bytes of the request line ({@code POST /path HTTP/1.1}); a longer one is answered 414
 * @param maxHeadersSize     bytes of all request headers together; more is answered 400
 * @param maxConnections     TCP connections held at once; beyond it the listener stops accepting (-1: no limit)
 */
public record ClientLimits(int apiPermits, int apiQueueLength, Duration apiQueueTimeout,
                           Duration headerTimeout, Duration bodyTimeout,
                           int maxPrologueLength, int maxHeadersSize, int maxConnections) {
    public ClientLimits {
        Objects.requireNonNull(apiQueueTimeout, "apiQueueTimeout");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        positive(apiPermits, "apiPermits");
        positive(apiQueueLength + 1, "apiQueueLength + 1");
        positive(maxPrologueLength, "maxPrologueLength");
        positive(maxHeadersSize, "maxHeadersSize");
        if (maxConnections == 0 || maxConnections < -1) {
            throw new IllegalArgumentException("maxConnections must be positive, or -1 for no limit: " + maxConnections);
        }
        if (headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("the header and body timeouts must be positive");
        }
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
