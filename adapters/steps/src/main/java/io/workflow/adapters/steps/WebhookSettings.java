package io.workflow.adapters.steps;

import java.time.Duration;

/**
 * Timeouts of webhook calls. {@code requestTimeout} bounds a whole call (connecting, sending,
 * waiting for and reading the response); {@code connectTimeout} bounds only opening the connection.
 */
public record WebhookSettings(Duration connectTimeout, Duration requestTimeout) {
    public WebhookSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
    }

    private static void requirePositive(Duration timeout, String name) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + timeout);
        }
    }
}
