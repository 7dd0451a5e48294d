package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.run.RunContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;

/**
 * Calls an HTTP endpoint. {@code url}, {@code headers} and {@code body} may hold placeholders
 * ({@code ${payload.user_id}}, {@code ${<step>.<field>}}) resolved from the run context when the
 * step runs. {@code body} is a structured value: maps, lists, strings, numbers, booleans, null.
 * {@code retry}, when set, says how a failed call is tried again; without it a call is made once.
 */
public record WebhookStep(String name, String url, String method, Map<String, String> headers, Object body,
                          RetryPolicy retry) implements Step {
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

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
    }

    /** A call made once, whatever its outcome. */
    public WebhookStep(String name, String url, String method, Map<String, String> headers, Object body) {
        this(name, url, method, headers, body, null);
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
