package io.workflow.adapters.steps;

import java.time.Duration;

/**
 * Timeouts of webhook calls, and how much of an answer is kept. {@code requestTimeout} bounds a
 * whole call (connecting, sending, waiting for and reading the response); {@code connectTimeout}
 * bounds only opening the connection. {@code maxAnswerBytes} is the most of an answer's body a
 * step's output keeps: a longer body is cut there, kept as text and marked {@code body_truncated}.
 * {@code addresses} says which addresses webhooks may reach ({@code WEBHOOK_ALLOW});
 * {@code signingGrace} how long a rotated-out signing secret keeps signing beside the new one.
 */
public record WebhookSettings(Duration connectTimeout, Duration requestTimeout, int maxAnswerBytes,
                              WebhookAddressPolicy addresses, Duration signingGrace) {
    public WebhookSettings {
        if (signingGrace == null || signingGrace.isNegative()) {
            throw new IllegalArgumentException("signingGrace must be zero or positive, was " + signingGrace);
        }
        if (addresses == null) {
            throw new IllegalArgumentException("addresses is required");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxAnswerBytes < 1) {
            throw new IllegalArgumentException("maxAnswerBytes must be positive, was " + maxAnswerBytes);
        }
    }

    /** Webhooks that may reach public addresses only. */
    public WebhookSettings(Duration connectTimeout, Duration requestTimeout, int maxAnswerBytes) {
        this(connectTimeout, requestTimeout, maxAnswerBytes, WebhookAddressPolicy.publicOnly());
    }

    /** A rotated-out secret stops signing at once: for tests of the calls themselves. */
    public WebhookSettings(Duration connectTimeout, Duration requestTimeout, int maxAnswerBytes, WebhookAddressPolicy addresses) {
        this(connectTimeout, requestTimeout, maxAnswerBytes, addresses, Duration.ZERO);
    }

    private static void requirePositive(Duration timeout, String name) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + timeout);
        }
    }
}
