package io.workflow.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflow.perf.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service in embedded mode, started as {@code ops/run} starts it (application.yaml, the
 * composition root) on a free port: a new user's first flow, and a small load from the perf driver
 * whose report must add up.
 */
class EmbeddedServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Service service;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        service = EmbeddedServices.start();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aWorkflowWithAOneSecondDelay_runsToSuccess_aboutASecondAfterTheTrigger() throws Exception {
        Map<?, ?> created = post("/api/v1/workflows", Map.of("name", "first", "steps",
                List.of(Map.of("name", "wait", "type", "delay", "config", Map.of("duration", 1)))));
        assertThat(created.get("message")).isEqualTo("Workflow created successfully");
        Map<?, ?> triggered = post("/api/v1/trigger", Map.of("workflow_id", created.get("workflow_id"),
                "payload", Map.of("user_id", 7)));
        assertThat(triggered.get("status")).isEqualTo("triggered");
        Instant sent = Instant.now();

        Map<?, ?> run = get("/api/v1/runs/" + triggered.get("run_id"));
        while (!"success".equals(run.get("status")) && Duration.between(sent, Instant.now()).toSeconds() < 10) {
            Thread.sleep(100);
            run = get("/api/v1/runs/" + triggered.get("run_id"));
        }

        assertThat(run.get("status")).isEqualTo("success");
        assertThat(Duration.between(sent, Instant.now())).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        Map<?, ?> wait = (Map<?, ?>) ((Map<?, ?>) run.get("step_results")).get("wait");
        assertThat(wait.get("status")).isEqualTo("success");
        assertThat(wait.get("output")).isEqualTo(Map.of("delayed_seconds", 1));
    }

    @Test
    void fiftyUsersOfThePerfDriver_allCompleteTheFlow_andTheReportAddsUp(@TempDir Path out) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = Main.run(List.of("run", "--target", "embedded=" + base, "--users", "50", "--no-warmup",
                        "--completion-wait", "30s", "--out", out.toString()), Map.of(),
                new PrintStream(console, true, StandardCharsets.UTF_8), new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(exit).as(console.toString(StandardCharsets.UTF_8)).isZero();
        Map<?, ?> phase = (Map<?, ?>) ((List<?>) JSON.readValue(out.resolve("report.json").toFile(), Map.class).get("phases")).getFirst();
        Map<?, ?> requests = (Map<?, ?>) phase.get("requests");
        assertThat(requests.get("planned")).isEqualTo(350);
        assertThat(requests.get("sent")).isEqualTo(350);
        assertThat(requests.get("succeeded")).isEqualTo(350);
        assertThat(requests.get("failed")).isEqualTo(0);
        assertThat(((Map<?, ?>) phase.get("users")).get("completed")).isEqualTo(50);
        List<?> endpoints = (List<?>) phase.get("endpoints");
        assertThat(endpoints).hasSize(7).allSatisfy(e -> assertThat(((Map<?, ?>) e).get("succeeded")).isEqualTo(50));
        Map<?, ?> completion = (Map<?, ?>) phase.get("completion");
        assertThat(completion.get("triggered")).isEqualTo(50);
        assertThat(completion.get("success")).isEqualTo(50);
        assertThat(completion.get("neverFinished")).isEqualTo(0);
    }

    private Map<?, ?> post(String path, Object body) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }

    private Map<?, ?> get(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }
}
