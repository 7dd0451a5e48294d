package io.workflow.bootstrap.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver for the browser tests, on a free loopback port: {@code /ok} answers 200 with a
 * small JSON body, {@code /fail} answers 400 (so a run that calls it fails at that step).
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    public WebhookReceiver() {
        try {
            // 127.0.0.2: the one loopback address the services under test open to webhooks (WEBHOOK_ALLOW)
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/ok", exchange -> answer(exchange, 200, "{\"received\":true}"));
        server.createContext("/fail", exchange -> answer(exchange, 400, "{\"detail\":\"refused on purpose\"}"));
        server.start();
    }

    /** The URL of one of its paths ({@code ok} or {@code fail}). */
    public String url(String path) {
        return "http://127.0.0.2:" + server.getAddress().getPort() + "/" + path;
    }

    public int calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        calls.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
