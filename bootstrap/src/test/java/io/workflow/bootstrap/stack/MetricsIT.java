package io.workflow.bootstrap.stack;

import io.workflow.bootstrap.telemetry.GrafanaDashboard;
import io.workflow.bootstrap.telemetry.PrometheusText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /observe/metrics} of every API replica and worker of the full stack, after runs triggered
 * through nginx: each family the README lists has samples, the run counters add up across processes
 * to exactly the runs of a new workflow, and the stack-only gauges (connection pool, outbox backlog,
 * consumer lag) are exported. The replicas' and workers' ports come from the stack's state file.
 */
class MetricsIT {
    private static final int RUNS = 12;

    private final StackClient stack = new StackClient();
    private final ScriptedReceiver receiver = new ScriptedReceiver();

    MetricsIT() throws IOException {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void afterRunsThroughNginx_everyReplicaAndWorkerExportsTheFamilies_andTheRunCountersAddUp() throws Exception {
        Map<String, String> state = state();
        List<Integer> apis = ports(state, "API_BASE_PORT", "API_REPLICAS");
        List<Integer> workers = ports(state, "WORKER_BASE_PORT", "WORKERS");
        String workflowId = stack.createWorkflow("metrics-it", List.of(
                Map.of("name", "pause", "type", "delay", "config", Map.of("duration", 0.05)),
                Map.of("name", "ping", "type", "webhook", "config",
                        Map.of("url", receiver.url("/ping"), "method", "GET"))));
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runIds.add(stack.trigger(workflowId, Map.of("i", i)));
        }
        assertThat(stack.awaitTerminal(runIds, Duration.ofSeconds(90)).values()).containsOnly("success");
        String held = stack.trigger(stack.createWorkflow("metrics-it-held", List.of(
                Map.of("name", "hour", "type", "delay", "config", Map.of("duration", 3600)))), Map.of());
        awaitRunning(held);
        stack.expectOk(stack.post("api/v1/runs/" + held + "/cancel", Map.of()));
        stack.expectOk(stack.post("api/v1/runs/" + held + "/retry", Map.of()));
        awaitRunning(held);
        stack.expectOk(stack.post("api/v1/runs/" + held + "/cancel", Map.of()));
        for (String runId : runIds) {
            stack.get("api/v1/runs/" + runId);
            stack.get("api/v1/runs/" + runId);
        }
        Thread.sleep(6_000); // one refresh of the consumer lag

        List<PrometheusText> apiMetrics = new ArrayList<>();
        for (int port : apis) {
            apiMetrics.add(scrape(port));
        }
        List<PrometheusText> workerMetrics = new ArrayList<>();
        for (int port : workers) {
            workerMetrics.add(scrape(port));
        }

        assertThat(sum(apiMetrics, "workflow_runs_triggered_total", "workflow", workflowId)).isEqualTo(RUNS);
        assertThat(sum(workerMetrics, "workflow_runs_finished_total", "workflow", workflowId, "status", "success")).isEqualTo(RUNS);
        assertThat(sum(apiMetrics, "workflow_http_request_duration_seconds_count", "method", "POST",
                "route", "/api/v1/trigger", "status", "200")).isGreaterThanOrEqualTo(RUNS);
        assertThat(sum(apiMetrics, "workflow_http_request_duration_seconds_count", "route", "/api/v1/runs/{run_id}"))
                .isGreaterThanOrEqualTo(2 * RUNS);
        assertThat(sum(apiMetrics, "workflow_cache_requests_total", "cache", "run", "result", "hit")).isPositive();
        assertThat(sum(workerMetrics, "workflow_cache_requests_total", "cache", "workflow")).isPositive();
        for (String family : List.of("workflow_run_duration_seconds_count", "workflow_run_queue_wait_seconds_count",
                "workflow_step_duration_seconds_count")) {
            assertThat(sum(workerMetrics, family)).as(family).isGreaterThanOrEqualTo(RUNS);
        }
        assertThat(sum(workerMetrics, "workflow_step_attempts_total", "type", "delay")).isGreaterThanOrEqualTo(RUNS);
        assertThat(sum(apiMetrics, "workflow_runs_retried_total")).isPositive();
        assertThat(sum(apiMetrics, "workflow_step_cancellations_total", "type", "delay")).isGreaterThanOrEqualTo(2);
        assertThat(sum(workerMetrics, "workflow_webhook_calls_total", "outcome", "2xx")).isGreaterThanOrEqualTo(RUNS);
        assertThat(sum(workerMetrics, "workflow_webhook_call_duration_seconds_bucket", "outcome", "2xx", "le", "+Inf"))
                .isGreaterThanOrEqualTo(RUNS);
        for (PrometheusText replica : apiMetrics) {
            assertThat(replica.sum("workflow_db_pool_max_connections")).isPositive();
            assertThat(replica.find("workflow_db_pool_active_connections")).hasSize(1);
            assertThat(replica.find("workflow_db_pool_idle_connections")).hasSize(1);
            assertThat(replica.find("workflow_db_pool_pending_threads")).hasSize(1);
            assertThat(replica.find("workflow_dispatch_backlog_events")).hasSize(1);
        }
        List<String> exported = new ArrayList<>();
        apiMetrics.forEach(replica -> exported.addAll(replica.names()));
        workerMetrics.forEach(worker -> exported.addAll(worker.names()));
        assertThat(GrafanaDashboard.read().metricNames()).as("every name the dashboard queries").isSubsetOf(exported);
        for (PrometheusText worker : workerMetrics) {
            assertThat(worker.find("workflow_queue_lag_records")).singleElement()
                    .satisfies(lag -> assertThat(lag.value()).as("measured at least once").isGreaterThanOrEqualTo(0));
            assertThat(worker.sum("workflow_db_pool_max_connections")).isPositive();
        }
    }

    private void awaitRunning(String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"running".equals(stack.get("api/v1/runs/" + runId).body().get("status"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + runId + " not running within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private PrometheusText scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static double sum(List<PrometheusText> processes, String name, String... labels) {
        return processes.stream().mapToDouble(process -> process.sum(name, labels)).sum();
    }

    private static Map<String, String> state() throws IOException {
        String home = System.getenv("STACK_HOME");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("STACK_HOME is not set: run these tests with ops/test");
        }
        Map<String, String> state = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(home, "state.env"))) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                state.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return state;
    }

    private static List<Integer> ports(Map<String, String> state, String basePort, String count) {
        int base = Integer.parseInt(state.get(basePort));
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(state.get(count)); i++) {
            ports.add(base + i);
        }
        return ports;
    }
}
