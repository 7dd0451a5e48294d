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
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);
    public static final int DEFAULT_MAX_TOTAL = 64;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

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

    /** Enabled, at {@code host:port}, with the default timeouts, pool size and back-off. */
    public static RedisSettings of(String host, int port) {
        return new RedisSettings(true, host, port, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_TOTAL,
                DEFAULT_BACKOFF);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a positive number of milliseconds, not " + value);
        }
    }
}
