package io.workflow.adapters.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Where Redis is and how long to wait for it. Every wait is short and finite because the cache is
 * an optimisation: a slow Redis must cost a request milliseconds, not seconds. {@code backoff} is
 * how long the cache leaves Redis alone after a failure before trying again.
 */
public record RedisSettings(boolean enabled, String host, int port, Duration connectTimeout, Duration socketTimeout,
                            Duration maxWait, int maxTotal, Duration backoff) {
    public RedisSettings {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be a TCP port, not " + port);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(socketTimeout, "socketTimeout");
        requirePositive(maxWait, "maxWait");
        requirePositive(backoff, "backoff");
        if (maxTotal < 1) {
            throw new IllegalArgumentException("maxTotal must be at least 1, not " + maxTotal);
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a positive number of milliseconds, not " + value);
        }
    }
}
