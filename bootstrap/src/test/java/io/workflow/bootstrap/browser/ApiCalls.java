package io.workflow.bootstrap.browser;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The API calls the browser tests make besides the browser: setting up workflows and runs, and waiting on them. */
public final class ApiCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    /** Calls to the service at {@code base}, each carrying {@code key} as a Bearer token when it is not null. */
    public ApiCalls(String base, String key) {
        this.base = base;
        this.key = key;
    }

    /** Creates a workflow of these steps; its id. */
    public String createWorkflow(String name, List<Map<String, Object>> steps) {
        return (String) post("/api/v1/workflows", Map.of("name", name, "steps", steps)).get("workflow_id");
    }

    /** Triggers a run; its id. */
    public String trigger(String workflowId, Map<String, Object> payload) {
        return (String) post("/api/v1/trigger", Map.of("workflow_id", workflowId, "payload", payload)).get("run_id");
    }

    /** Waits until the run has one of these statuses; the run. */
    public Map<?, ?> awaitStatus(String runId, Set<String> statuses, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<?, ?> run = get("/api/v1/runs/" + runId);
        while (!statuses.contains((String) run.get("status"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("run " + runId + " is still " + run.get("status") + " after " + timeout);
            }
            sleep();
            run = get("/api/v1/runs/" + runId);
        }
        return run;
    }

    public Map<?, ?> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Map<?, ?> post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as text with its status: {@code /openapi} is YAML. */
    public HttpResponse<String> raw(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<?, ?> send(HttpRequest.Builder request) {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError(response.request().uri() + " answered " + response.statusCode() + ": "
                        + new String(response.body()));
            }
            return JSON.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
