package io.workflow.bootstrap.stack;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on 127.0.0.2 (the address ops/test opens with WEBHOOK_ALLOW) for the stack's workers to call: each path answers the statuses
 * scripted for it, in turn, then 200; every call is recorded with its time and status.
 */
final class ScriptedReceiver implements AutoCloseable {
    /** One call received: its path, when, and what it was answered. */
    record Call(String path, Instant at, int status) {
    }

    private final HttpServer server;
    private final Map<String, ConcurrentLinkedDeque<Integer>> scripts = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    ScriptedReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            Integer scripted = scripts.getOrDefault(path, new ConcurrentLinkedDeque<>()).poll();
            int status = scripted == null ? 200 : scripted;
            calls.add(new Call(path, Instant.now(), status));
            byte[] body = ("{\"answered\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Answers these statuses to the next calls of {@code path}, then 200. */
    ScriptedReceiver script(String path, Integer... statuses) {
        scripts.computeIfAbsent(path, key -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
        return this;
    }

    String url(String path) {
        return "http://127.0.0.2:" + server.getAddress().getPort() + path;
    }

    List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
