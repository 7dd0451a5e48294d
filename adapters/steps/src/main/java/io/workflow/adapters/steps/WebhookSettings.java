package io.workflow.adapters.steps;

import java.time.Duration;

/**
 * Timeouts of webhook calls, and how much of an answer is kept. {@code requestTimeout} bounds a
 * whole call (connecting, sending, waiting for and reading the response) of a step that sets no
 * {@code timeout} of its own; {@code maxTimeout} bounds every call, whatever its step asks for;
 * {@code connectTimeout} bounds only opening the connection. {@code maxAnswerBytes} is the most of an answer's body a
 * step's output keeps: a longer body is cut there, kept as text and marked {@code body_truncated}.
 * {@code addresses} says which addresses webhooks may reach ({@code WEBHOOK_ALLOW});
 * {@code signingGrace} how long a rotated-out signing secret keeps signing beside the new one.
 */
public record WebhookSettings(Duration connectTimeout, Duration requestTimeout, int maxAnswerBytes,
                              WebhookAddressPolicy addresses, Duration signingGrace, Duration maxTimeout) {
    public WebhookSettings {
        if (signingGrace == null || signingGrace.isNegative()) {
            throw new IllegalArgumentException("signingGrace must be zero or positive, was " + signingGrace);
        }
        if (addresses == null) {
            throw new IllegalArgumentException("addresses is required");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(maxTimeout, "maxTimeout");
        if (maxAnswerBytes < 1) {
            throw new IllegalArgumentException("maxAnswerBytes must be positive, was " + maxAnswerBytes);
        }
        if (maxTimeout.compareTo(requestTimeout) < 0) {
            throw new IllegalArgumentException("maxTimeout must not be less than requestTimeout");
        }
    }

    /** No step may ask for more than the default request timeout. */
    public WebhookSettings(Duration connectTimeout, Duration requestTimeout, int maxAnswerBytes,
                           WebhookAddressPolicy addresses, Duration signingGrace) {
        this(connectTimeout, requestTimeout, maxAnswerBytes, addresses, signingGrace, requestTimeout);
    }

    /** How long a call of a step that asks for {@code stepTimeout} (null: nothing) may take. */
    Duration timeoutFor(Duration stepTimeout) {
        return stepTimeout == null ? requestTimeout : stepTimeout.compareTo(maxTimeout) <= 0 ? stepTimeout : maxTimeout;
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
