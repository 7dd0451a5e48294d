package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.run.RunContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Calls an HTTP endpoint. {@code url}, {@code headers} and {@code body} may hold placeholders
 * ({@code ${payload.user_id}}, {@code ${<step>.<field>}}) resolved from the run context when the
 * step runs. {@code body} is a structured value: maps, lists, strings, numbers, booleans, null.
 * {@code retry}, when set, says how a failed call is tried again; without it the workflow's default
 * applies, and without that a call is made once. {@code timeout}, when set, bounds one call (the
 * service's own maximum bounds it too); without it the service's default applies.
 */
public record WebhookStep(String name, String url, String method, Map<String, String> headers, Object body,
                          RetryPolicy retry, Duration timeout) implements Step {
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    /** The longest timeout a step may ask for; the service may bound calls tighter. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    public WebhookStep {
        StepNames.check(name, "name");
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("url", "is required");
        }
        if (!isHttpUrl(RunContext.replacePlaceholders(url, "placeholder"))) {
            throw new InvalidInputException("url", "must be an absolute http or https URL");
        }
        if (method == null || !METHODS.contains(method)) {
            throw new InvalidInputException("method", "must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new InvalidInputException("timeout", "must be greater than 0 and at most " + MAX_TIMEOUT.toSeconds() + " seconds");
        }
    }

    /** A call with the service's default timeout. */
    public WebhookStep(String name, String url, String method, Map<String, String> headers, Object body, RetryPolicy retry) {
        this(name, url, method, headers, body, retry, null);
    }

    /** A call made once, whatever its outcome. */
    public WebhookStep(String name, String url, String method, Map<String, String> headers, Object body) {
        this(name, url, method, headers, body, null, null);
    }

    /** The same call with these headers instead of its own. */
    public WebhookStep withHeaders(Map<String, String> replaced) {
        return new WebhookStep(name, url, method, replaced, body, retry, timeout);
    }

    /** The same call bounded by {@code limit} at most (the time left of its run). */
    public WebhookStep boundedBy(Duration limit) {
        boolean within = limit.compareTo(MAX_TIMEOUT) > 0 || (timeout != null && timeout.compareTo(limit) <= 0);
        return within ? this : new WebhookStep(name, url, method, headers, body, retry, limit);
    }

    /** Whether the text, placeholders stood in for, parses as an absolute http(s) URL with a host. */
    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return uri.isAbsolute() && uri.getHost() != null && ("http".equals(scheme) || "https".equals(scheme));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
