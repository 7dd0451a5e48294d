package io.workflow.bootstrap.stack;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Speaks the wire contract to the running stack at {@code WORKFLOW_STACK_URL} (nginx, by default
 * :8080), with an API key: by default the stack's bootstrap admin key ({@code WORKFLOW_API_KEY}, or
 * the file {@code ops/stack up} wrote, {@code $STACK_HOME/admin.key}); none when neither exists (a
 * stack with {@code AUTH=off}).
 */
final class StackClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("success", "failed", "cancelled");

    private final URI base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
            .build();

    StackClient() {
        this(adminKey());
    }

    /** A client that sends {@code apiKey} (null: no key at all). */
    StackClient(String apiKey) {
        this(apiKey, System.getenv("WORKFLOW_STACK_URL"));
    }

    /** A client of the service at {@code url} (one replica, say) that sends {@code apiKey} (null: none). */
    StackClient(String apiKey, String url) {
        this.apiKey = apiKey;
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("WORKFLOW_STACK_URL is not set: run these tests with ops/test, which starts the stack");
        }
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    record Answer(int status, Map<String, Object> body, Map<String, List<String>> headers) {
        Answer(int status, Map<String, Object> body) {
            this(status, body, Map.of());
        }
    }

    /** The stack's bootstrap admin key, or null when there is none (AUTH=off). */
    static String adminKey() {
        String key = System.getenv("WORKFLOW_API_KEY");
        if (key != null && !key.isBlank()) {
            return key.trim();
        }
        String home = System.getenv("STACK_HOME");
        Path file = Path.of(home == null || home.isBlank() ? ".stack" : home, "admin.key");
        try {
            return Files.isReadable(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack's admin key " + file, e);
        }
    }

    /** The admin key as raw header lines ({@code Authorization: Bearer ...} and CRLF), or "" without one. */
    static String credentialHeaders() {
        String key = adminKey();
        return key == null ? "" : "Authorization: Bearer " + key + "\r\n";
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    String createWorkflow(String name, List<Map<String, Object>> steps) throws IOException, InterruptedException {
        Answer answer = post("api/v1/workflows", Map.of("name", name, "steps", steps));
        require(answer, 200);
        return (String) answer.body().get("workflow_id");
    }

    String trigger(String workflowId, Map<String, Object> payload) throws IOException, InterruptedException {
        Answer answer = post("api/v1/trigger", Map.of("workflow_id", workflowId, "payload", payload));
        require(answer, 200);
        return (String) answer.body().get("run_id");
    }

    /** Fails with the answer in the message unless it is a 200. */
    void expectOk(Answer answer) {
        require(answer, 200);
    }

    /** Polls each run until it is terminal or {@code within} has passed; returns the last status of each. */
    Map<String, String> awaitTerminal(Collection<String> runIds, Duration within) throws IOException, InterruptedException {
        Map<String, String> statuses = new HashMap<>();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            for (String runId : runIds) {
                if (!TERMINAL.contains(statuses.getOrDefault(runId, ""))) {
                    Answer run = get("api/v1/runs/" + runId);
                    require(run, 200);
                    statuses.put(runId, (String) run.body().get("status"));
                }
            }
            if (TERMINAL.containsAll(statuses.values())) {
                return statuses;
            }
            Thread.sleep(500);
        }
        return statuses;
    }

    static void require(Answer answer, int status) {
        if (answer.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + answer.status() + ": " + answer.body());
        }
    }

    @SuppressWarnings("unchecked")
    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, Object> body = response.body().length == 0 ? Map.of() : JSON.readValue(response.body(), Map.class);
        return new Answer(response.statusCode(), body, response.headers().map());
    }
}
