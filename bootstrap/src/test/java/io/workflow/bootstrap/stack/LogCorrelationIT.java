package io.workflow.bootstrap.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following one run through the stack's log files ({@code $STACK_HOME/logs/api-N.log},
 * {@code worker-N.log}, JSON lines in the stack mode), as an operator would with
 * {@code jq 'select(.run_id == "<id>")'}: its run id finds its whole life, triggered on an API replica
 * and executed on a worker, and the worker's lines name the request that triggered it.
 */
class LogCorrelationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private final StackClient stack = new StackClient();

    @Test
    void filteringTheLogsByRunId_findsTriggerStartEachStepAndCompletion_onAnApiReplicaAndAWorker_underTheTriggersRequestId()
            throws Exception {
        String workflowId = stack.createWorkflow("log-correlation-" + Instant.now(), List.of(
                Map.of("name", "first", "type", "delay", "config", Map.of("duration", 0.1)),
                Map.of("name", "second", "type", "delay", "config", Map.of("duration", 0.2))));
        String requestId = "log-it-" + UUID.randomUUID();

        HttpResponse<byte[]> triggered = trigger(workflowId, requestId);
        assertThat(triggered.statusCode()).isEqualTo(200);
        assertThat(triggered.headers().firstValue("X-Request-Id")).contains(requestId);
        String runId = (String) JSON.readValue(triggered.body(), Map.class).get("run_id");
        assertThat(stack.awaitTerminal(List.of(runId), WITHIN)).containsEntry(runId, "success");

        List<Line> lines = awaitLines(runId, line -> line.message().startsWith("run success"));

        List<Line> api = lines.stream().filter(line -> line.file().startsWith("api-")).toList();
        List<Line> worker = lines.stream().filter(line -> line.file().startsWith("worker-")).toList();
        assertThat(api).extracting(Line::message).as("the trigger, on an API replica").contains("run triggered");
        assertThat(worker).extracting(Line::message).as("start, each step and completion, on a worker")
                .anyMatch(message -> message.startsWith("run running"))
                .anyMatch(message -> message.startsWith("step first (delay) success"))
                .anyMatch(message -> message.startsWith("step second (delay) success"))
                .anyMatch(message -> message.startsWith("run success"));
        assertThat(lines).as("every line of the run, API and worker, names the trigger's request and the workflow")
                .allSatisfy(line -> {
                    assertThat(line.fields()).containsEntry("request_id", requestId);
                    assertThat(line.fields()).containsEntry("workflow_id", workflowId);
                });
    }

    private HttpResponse<byte[]> trigger(String workflowId, String requestId) throws IOException, InterruptedException {
        String base = StackUrl.require();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/trigger"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(
                        Map.of("workflow_id", workflowId, "payload", Map.of("user_id", 7)))));
        String key = StackClient.adminKey();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    /** One JSON log line about a run: the file it was found in and its fields. */
    private record Line(String file, Map<String, Object> fields) {
        String message() {
            return String.valueOf(fields.get("message"));
        }
    }

    /** The lines of every API replica's and worker's log whose run_id is {@code runId}, once one of them satisfies {@code last}; bounded. */
    private static List<Line> awaitLines(String runId, java.util.function.Predicate<Line> last) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        List<Line> lines = linesOf(runId);
        while (lines.stream().noneMatch(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            lines = linesOf(runId);
        }
        return lines;
    }

    private static List<Line> linesOf(String runId) throws IOException {
        Path logs = StackProcesses.stackHome().resolve("logs");
        List<Line> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(LogCorrelationIT::isServiceLog).sorted().toList()) {
                String name = file.getFileName().toString();
                for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (text.startsWith("{") && text.contains(runId)) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> fields = JSON.readValue(text, Map.class);
                        if (runId.equals(fields.get("run_id"))) {
                            found.add(new Line(name, fields));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean isServiceLog(Path file) {
        String name = file.getFileName().toString();
        return (name.startsWith("api-") || name.startsWith("worker-")) && name.endsWith(".log");
    }
}
