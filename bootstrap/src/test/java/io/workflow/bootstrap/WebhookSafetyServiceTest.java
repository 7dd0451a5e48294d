package io.workflow.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as {@code ops/run} starts it, where webhooks reach public addresses only: a workflow
 * aimed at an internal address is refused when created (422 naming the step and why), and one whose
 * host comes from the payload fails its run without a connection being made.
 */
class WebhookSafetyServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Service service;
    private static String base;
    private static ServerSocket loopback;
    private static final AtomicInteger connections = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        service = EmbeddedServices.start();
        base = "http://127.0.0.1:" + service.port();
        loopback = new ServerSocket();
        loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(() -> {
            while (!loopback.isClosed()) {
                try (Socket ignored = loopback.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stop() throws IOException {
        loopback.close();
        service.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:%d/api/v1/runs?limit=50", "http://127.0.0.1:%d/", "http://[::1]:%d/",
            "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://2130706433:%d/",
            "http://[::ffff:7f00:1]:%d/", "http://0/", "http://[fd00:ec2::254]/", "http://100.64.0.1/"})
    void aWorkflowAimedAtAnInternalAddress_isRefused_422NamingTheStepAndWhy(String url) throws Exception {
        HttpResponse<String> response = postWorkflow(url.formatted(service.port()));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<?, ?> problem = JSON.readValue(response.body(), Map.class);
        assertThat(problem.get("field")).isEqualTo("steps[1].config.url");
        assertThat((String) problem.get("detail")).contains("step 'steal'").contains("may not be called")
                .containsAnyOf("loopback", "private", "metadata", "unspecified", "carrier-grade NAT", "names this machine");
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aHostFromThePayload_isAcceptedAtCreation_andItsRunFailsBlocked_withoutAConnection() throws Exception {
        HttpResponse<String> created = postWorkflow("http://${payload.host}/api/v1/runs");
        assertThat(created.statusCode()).isEqualTo(200);
        String workflowId = (String) JSON.readValue(created.body(), Map.class).get("workflow_id");

        Map<?, ?> triggered = JSON.readValue(send("POST", "/api/v1/trigger", Map.of("workflow_id", workflowId,
                "payload", Map.of("host", "127.0.0.1:" + loopback.getLocalPort()))).body(), Map.class);
        Map<?, ?> run = awaitEnd((String) triggered.get("run_id"));

        assertThat(run.get("status")).isEqualTo("failed");
        Map<?, ?> steal = (Map<?, ?>) ((Map<?, ?>) run.get("step_results")).get("steal");
        assertThat((String) steal.get("error")).contains("blocked, no connection made")
                .contains("127.0.0.1 is a loopback address");
        assertThat(steal.get("output")).isNull();
        Thread.sleep(200);
        assertThat(connections.get()).isZero();
    }

    private HttpResponse<String> postWorkflow(String url) throws Exception {
        return send("POST", "/api/v1/workflows", Map.of("name", "ssrf probe", "steps", List.of(
                Map.of("name", "wait", "type", "delay", "config", Map.of("duration", 0.01)),
                Map.of("name", "steal", "type", "webhook", "config", Map.of("url", url, "method", "GET")))));
    }

    private Map<?, ?> awaitEnd(String runId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Map<?, ?> run = Map.of();
        while (Instant.now().isBefore(deadline)) {
            run = JSON.readValue(send("GET", "/api/v1/runs/" + runId, null).body(), Map.class);
            if ("success".equals(run.get("status")) || "failed".equals(run.get("status"))) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not end: " + run);
    }

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, publisher)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
