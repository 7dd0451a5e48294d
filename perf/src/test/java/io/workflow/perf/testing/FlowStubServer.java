package io.workflow.perf.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The seven endpoints of the wire contract, in memory, on 127.0.0.1: workflows are stored, and a triggered run
 * is {@code running} until {@code runDuration} has passed, then {@code success}. A status can be forced per
 * endpoint to test error handling.
 */
public final class FlowStubServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Instant> workflows = new ConcurrentHashMap<>();
    private final Map<String, Instant> runs = new ConcurrentHashMap<>();
    private final Map<String, Integer> forcedStatus = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final long runDurationMillis;
    private volatile long responseDelayMillis;

    public FlowStubServer(long runDurationMillis) throws IOException {
        this.runDurationMillis = runDurationMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every request to {@code endpoint} (e.g. {@code "POST /api/v1/trigger"}) with {@code status}. */
    public FlowStubServer force(String endpoint, int status) {
        forcedStatus.put(endpoint, status);
        return this;
    }

    public FlowStubServer delayEveryResponse(long millis) {
        responseDelayMillis = millis;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    public int runs() {
        return runs.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (responseDelayMillis > 0) {
                Thread.sleep(responseDelayMillis);
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String endpoint = endpoint(method, path);
            Integer forced = forcedStatus.get(endpoint);
            if (forced != null) {
                respond(exchange, forced, "{\"title\":\"forced\",\"status\":" + forced + ",\"detail\":\"forced by the test\"}");
                return;
            }
            switch (endpoint) {
                case "GET /health" -> respond(exchange, 200, "{\"status\":\"ok\"}");
                case "GET /" -> respond(exchange, 200, "{\"message\":\"stub\"}");
                case "POST /api/v1/workflows" -> {
                    String id = UUID.randomUUID().toString();
                    workflows.put(id, Instant.now());
                    respond(exchange, 200, "{\"message\":\"Workflow created successfully\",\"workflow_id\":\"" + id + "\"}");
                }
                case "GET /api/v1/workflows/{id}" -> {
                    String id = lastSegment(path);
                    if (workflows.containsKey(id)) {
                        respond(exchange, 200, "{\"uuid\":\"" + id + "\",\"name\":\"w\",\"steps\":[]}");
                    } else {
                        respond(exchange, 404, "{\"detail\":\"Workflow not found\"}");
                    }
                }
                case "POST /api/v1/trigger" -> {
                    String id = UUID.randomUUID().toString();
                    runs.put(id, Instant.now());
                    respond(exchange, 200, "{\"run_id\":\"" + id + "\",\"status\":\"triggered\"}");
                }
                case "GET /api/v1/runs/{id}" -> {
                    Instant started = runs.get(lastSegment(path));
                    if (started == null) {
                        respond(exchange, 404, "{\"detail\":\"Run not found\"}");
                    } else {
                        respond(exchange, 200, run(lastSegment(path), started));
                    }
                }
                case "GET /api/v1/runs" -> respond(exchange, 200, "{\"items\":[],\"next_cursor\":null,\"limit\":50}");
                default -> respond(exchange, 404, "{\"detail\":\"Not Found\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String run(String id, Instant started) {
        Instant done = started.plusMillis(runDurationMillis);
        if (Instant.now().isBefore(done)) {
            return "{\"uuid\":\"" + id + "\",\"status\":\"running\",\"started_at\":\"" + started + "\",\"completed_at\":null}";
        }
        return "{\"uuid\":\"" + id + "\",\"status\":\"success\",\"started_at\":\"" + started + "\",\"completed_at\":\"" + done + "\"}";
    }

    private static String endpoint(String method, String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (trimmed.startsWith("/api/v1/workflows/")) {
            return method + " /api/v1/workflows/{id}";
        }
        if (trimmed.startsWith("/api/v1/runs/")) {
            return method + " /api/v1/runs/{id}";
        }
        return method + " " + trimmed;
    }

    private static String lastSegment(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
