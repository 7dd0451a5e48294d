package io.workflow.adapters.steps;

import java.time.Duration;

/**
 * Timeouts of webhook calls. {@code requestTimeout} bounds a whole call (connecting, sending,
 * waiting for and reading the response); {@code connectTimeout} bounds only opening the connection.
 */
public record WebhookSettings(Duration connectTimeout, Duration requestTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public WebhookSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
    }

    /** 5 s to connect, 30 s per call. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    private static void requirePositive(Duration timeout, String name) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + timeout);
        }
    }
}
