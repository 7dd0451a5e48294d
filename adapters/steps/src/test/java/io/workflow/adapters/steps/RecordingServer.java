package io.workflow.adapters.steps;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP server on 127.0.0.1 that records what arrives and answers as told. */
final class RecordingServer implements AutoCloseable {

    record Received(String method, String path, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Answer answer = new Answer(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    private volatile boolean silent;
    private volatile String retryAfter;

    private RecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static RecordingServer start() throws IOException {
        return new RecordingServer();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(int status, String contentType, String body) {
        answer = new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers carry this {@code Retry-After} from now on. */
    void answerRetryAfter(String value) {
        retryAfter = value;
    }

    /** Accepts requests and never answers them. */
    void answerNothing() {
        silent = true;
    }

    Received next() throws InterruptedException {
        Received request = received.poll(2, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived");
        }
        return request;
    }

    boolean receivedNothing() {
        return received.isEmpty();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            if (silent) {
                closing.await();
                return;
            }
            Answer now = answer;
            if (now.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", now.contentType());
            }
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(now.status(), now.body().length == 0 ? -1 : now.body().length);
            exchange.getResponseBody().write(now.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
