package io.workflow.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.workflow.bootstrap.telemetry.GrafanaDashboard;
import io.workflow.bootstrap.telemetry.JsonLogFormatter;
import io.workflow.bootstrap.telemetry.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded service observed from outside, as an operator sees it: {@code /observe/metrics}
 * after real flows (every family with samples, labels bounded, buckets in seconds), the
 * {@code X-Request-Id} contract, the {@code traceparent} a webhook receives, and a run's JSON log
 * lines carrying its id.
 */
class ObservabilityServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Gauges of the stack's adapters (PostgreSQL pool, Kafka), absent in the embedded mode. */
    private static final List<String> STACK_ONLY = List.of("workflow_db_pool_active_connections",
            "workflow_db_pool_idle_connections", "workflow_db_pool_pending_threads", "workflow_db_pool_max_connections",
            "workflow_dispatch_backlog_events", "workflow_queue_lag_records");
    private static final String VALID_REQUEST_ID = "test-req.42:abc_DEF";

    private static Service service;
    private static String base;
    private static HttpServer receiver;
    private static String hooks;
    private static final List<String> traceparents = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> runLines = Collections.synchronizedList(new ArrayList<>());
    /**
     * Held here: java.util.logging keeps loggers only weakly, so a logger given a handler and then
     * collected before the service's own reference to it is taken comes back without the handler.
     */
    private static final Logger RUNS = Logger.getLogger("io.workflow.runs");
    private static final Handler capture = new Handler() {
        private final JsonLogFormatter json = new JsonLogFormatter();

        @Override
        public void publish(LogRecord record) {
            runLines.add(json.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0); // the address webhook.allow opens below
        receiver.createContext("/", exchange -> {
            traceparents.add(exchange.getRequestHeaders().getFirst("traceparent"));
            int status = switch (exchange.getRequestURI().getPath()) {
                case "/ok" -> 200;
                case "/missing" -> 404;
                case "/broken" -> 500;
                default -> {
                    try {
                        Thread.sleep(4_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield 200;
                }
            };
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
        hooks = "http://127.0.0.2:" + receiver.getAddress().getPort();
        RUNS.addHandler(capture);
        service = EmbeddedServices.start(Map.of("webhook.request.timeout.ms", "2000", "webhook.allow", "127.0.0.2/32"));
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterAll
    static void stop() {
        RUNS.removeHandler(capture);
        service.close();
        receiver.stop(0);
    }

    @Test
    void afterFlowsOfEveryKind_everyMetricFamilyHasSamples_withBoundedLabelsAndSecondBuckets() throws Exception {
        String ok = workflow(List.of(webhook("call", hooks + "/ok", null), delay("pause", 0.1)));
        String retried = workflow(List.of(webhook("flaky", hooks + "/broken",
                Map.of("max_attempts", 2, "initial_interval", 0.05, "retry_on", List.of("5xx")))));
        String missing = workflow(List.of(webhook("gone", hooks + "/missing", null)));
        String slow = workflow(List.of(webhook("slow", hooks + "/slow", null)));
        String refused = workflow(List.of(webhook("nobody", "http://127.0.0.2:" + closedPort() + "/", null)));
        String longDelay = workflow(List.of(delay("long", 60)));

        for (String workflow : List.of(ok, ok, retried, missing, slow, refused)) {
            String run = trigger(workflow);
            awaitStatus(run, "success", "failed");
            get("/api/v1/runs/" + run); // read again: served from the cache
        }
        String cancelled = trigger(longDelay);
        awaitStatus(cancelled, "running");
        assertThat(send("POST", "/api/v1/runs/" + cancelled + "/cancel", null, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/runs/" + cancelled + "/retry", null, null).statusCode()).isEqualTo(200);
        awaitStatus(cancelled, "running");
        assertThat(send("POST", "/api/v1/runs/" + cancelled + "/cancel", null, null).statusCode()).isEqualTo(200);
        send("GET", "/api/v1/nowhere/" + cancelled, null, null);

        PrometheusText metrics = PrometheusText.parse(send("GET", "/observe/metrics", null, null).body());

        assertThat(metrics.sum("workflow_http_request_duration_seconds_count", "method", "POST", "route", "/api/v1/trigger",
                "status", "200")).isGreaterThanOrEqualTo(7);
        assertThat(metrics.sum("workflow_http_request_duration_seconds_count", "route", "/api/v1/runs/{run_id}")).isPositive();
        assertThat(metrics.find("workflow_http_request_duration_seconds_count").stream().map(s -> s.labels().get("route")))
                .noneMatch(route -> route.contains(cancelled));
        assertThat(metrics.find("workflow_http_request_duration_seconds_bucket", "route", "/api/v1/trigger")
                .stream().map(s -> s.labels().get("le"))).contains("0.005", "0.1", "1.0", "10.0", "+Inf");
        assertThat(metrics.find("workflow_http_request_duration_seconds")).as("no client-side quantile lines").isEmpty();

        assertThat(metrics.sum("workflow_runs_triggered_total", "workflow", ok)).isEqualTo(2);
        assertThat(metrics.sum("workflow_runs_finished_total", "workflow", ok, "status", "success")).isEqualTo(2);
        assertThat(metrics.sum("workflow_runs_finished_total", "workflow", retried, "status", "failed")).isEqualTo(1);
        assertThat(metrics.sum("workflow_runs_finished_total", "workflow", longDelay, "status", "cancelled")).isEqualTo(2);
        assertThat(metrics.sum("workflow_runs_retried_total", "workflow", longDelay)).isEqualTo(1);
        assertThat(metrics.sum("workflow_run_duration_seconds_count", "status", "success")).isGreaterThanOrEqualTo(2);
        assertThat(metrics.sum("workflow_run_queue_wait_seconds_count")).isGreaterThanOrEqualTo(7);

        assertThat(metrics.sum("workflow_step_duration_seconds_count", "type", "delay", "status", "success")).isGreaterThanOrEqualTo(2);
        assertThat(metrics.sum("workflow_step_attempts_total", "type", "webhook")).isGreaterThanOrEqualTo(7);
        assertThat(metrics.sum("workflow_step_retries_total", "type", "webhook")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("workflow_step_timeouts_total", "type", "webhook")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("workflow_step_cancellations_total", "type", "delay")).isGreaterThanOrEqualTo(2);

        for (String outcome : List.of("2xx", "4xx", "5xx", "timeout", "connect_error")) {
            assertThat(metrics.sum("workflow_webhook_calls_total", "outcome", outcome)).as(outcome).isPositive();
            assertThat(metrics.sum("workflow_webhook_call_duration_seconds_count", "outcome", outcome)).as(outcome).isPositive();
        }
        assertThat(metrics.sum("workflow_webhook_calls_total", "outcome", "5xx")).isGreaterThanOrEqualTo(2);
        assertThat(metrics.sum("workflow_cache_requests_total", "cache", "run", "result", "hit")).isPositive();
        assertThat(metrics.sum("workflow_cache_requests_total", "cache", "workflow", "result", "hit")).isPositive();
        // The dashboard queries only what is exported (here, or by the stack's adapters: MetricsIT checks those).
        assertThat(GrafanaDashboard.read().metricNames()).isSubsetOf(union(metrics.names(), STACK_ONLY));
    }

    @Test
    void aSafeRequestId_isEchoed_anUnsafeOneReplaced_andAMissingOneGenerated() throws Exception {
        assertThat(send("GET", "/health", null, VALID_REQUEST_ID).headers().firstValue("X-Request-Id"))
                .contains(VALID_REQUEST_ID);
        String unsafe = send("GET", "/health", null, "a b<script>").headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(unsafe).isNotEqualTo("a b<script>").matches("[0-9a-f-]{36}");
        assertThat(send("GET", "/health", null, "x".repeat(129)).headers().firstValue("X-Request-Id").orElseThrow()).hasSize(36);
        String first = send("GET", "/api/v1/runs?limit=1", null, null).headers().firstValue("X-Request-Id").orElseThrow();
        String second = send("GET", "/api/v1/runs?limit=1", null, null).headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aRunsWebhookCarriesItsTrace_andEveryLogLineOfItsLifeCarriesItsId() throws Exception {
        String workflow = workflow(List.of(webhook("first", hooks + "/ok", null), webhook("second", hooks + "/ok", null)));
        HttpResponse<String> response = send("POST", "/api/v1/trigger", Map.of("workflow_id", workflow), VALID_REQUEST_ID);
        String run = (String) JSON.readValue(response.body(), Map.class).get("run_id");
        awaitStatus(run, "success");

        String traceId = run.replace("-", "");
        List<String> ofThisRun = traceparents.stream().filter(t -> t != null && t.contains(traceId)).toList();
        assertThat(ofThisRun).hasSize(2).allMatch(t -> t.matches("00-" + traceId + "-[0-9a-f]{16}-01"));
        assertThat(ofThisRun.get(0)).isNotEqualTo(ofThisRun.get(1));

        List<Map<?, ?>> lines = new ArrayList<>();
        for (String line : List.copyOf(runLines)) {
            Map<?, ?> parsed = JSON.readValue(line, Map.class);
            if (run.equals(parsed.get("run_id"))) {
                lines.add(parsed);
            }
        }
        assertThat(lines).extracting(line -> (String) line.get("message"))
                .contains("run triggered", "run running (attempt 1)")
                .anyMatch(message -> message.startsWith("step first (webhook) success after 1 attempt(s)"))
                .anyMatch(message -> message.startsWith("step second (webhook) success"))
                .anyMatch(message -> message.startsWith("run success after"));
        assertThat(lines).allMatch(line -> workflow.equals(line.get("workflow_id")) && line.get("time") != null
                && "INFO".equals(line.get("level")) && "io.workflow.runs".equals(line.get("logger")));
        assertThat(lines.getFirst().get("request_id")).isEqualTo(VALID_REQUEST_ID);
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private String workflow(List<Map<String, Object>> steps) throws Exception {
        Map<?, ?> created = JSON.readValue(send("POST", "/api/v1/workflows", Map.of("name", "observed", "steps", steps), null).body(), Map.class);
        return (String) created.get("workflow_id");
    }

    private String trigger(String workflow) throws Exception {
        return (String) JSON.readValue(send("POST", "/api/v1/trigger", Map.of("workflow_id", workflow), null).body(), Map.class).get("run_id");
    }

    private Map<?, ?> get(String path) throws Exception {
        return JSON.readValue(send("GET", path, null, null).body(), Map.class);
    }

    private void awaitStatus(String run, String... statuses) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        Map<?, ?> current = Map.of();
        while (Instant.now().isBefore(deadline)) {
            current = get("/api/v1/runs/" + run);
            if (List.of(statuses).contains(current.get("status"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + run + " is " + current + ", expected one of the statuses " + List.of(statuses));
    }

    private HttpResponse<String> send(String method, String path, Object body, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> webhook(String name, String url, Map<String, Object> retry) {
        Map<String, Object> config = Map.of("url", url, "method", "POST", "body", Map.of("hello", "world"));
        Map<String, Object> step = new java.util.LinkedHashMap<>(Map.of("name", name, "type", "webhook", "config", config));
        if (retry != null) {
            step.put("retry", retry);
        }
        return step;
    }

    private static Map<String, Object> delay(String name, double seconds) {
        return Map.of("name", name, "type", "delay", "config", Map.of("duration", seconds));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
