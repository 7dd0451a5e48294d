package io.workflow.bootstrap.stack;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Speaks the wire contract to the running stack at {@code WORKFLOW_STACK_URL} (nginx, by default :8080). */
final class StackClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("success", "failed", "cancelled");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
            .build();

    StackClient() {
        String url = System.getenv("WORKFLOW_STACK_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("WORKFLOW_STACK_URL is not set: run these tests with ops/test, which starts the stack");
        }
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    record Answer(int status, Map<String, Object> body) {
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
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, Object> body = response.body().length == 0 ? Map.of() : JSON.readValue(response.body(), Map.class);
        return new Answer(response.statusCode(), body);
    }
}
