package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Calls an HTTP endpoint. {@code headers} and {@code body} may hold placeholders
 * ({@code ${payload.user_id}}, {@code ${<step>.<field>}}) resolved from the run context when the
 * step runs. {@code body} is a JSON value as plain Java objects (maps, lists, strings, numbers,
 * booleans, null).
 */
public record WebhookStep(String name, URI url, String method, Map<String, String> headers, Object body)
        implements Step {
    public static final String TYPE = "webhook";
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    public WebhookStep {
        StepNames.check(name, "name");
        if (url == null) {
            throw new InvalidInputException("config.url", "is required");
        }
        String scheme = url.getScheme();
        if (!url.isAbsolute() || url.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new InvalidInputException("config.url", "must be an absolute http or https URL");
        }
        if (method == null || !METHODS.contains(method)) {
            throw new InvalidInputException("config.method", "must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
