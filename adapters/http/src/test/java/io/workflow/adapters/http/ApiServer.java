package io.workflow.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real API on a real Helidon server (port 0), configured exactly as bootstrap does through
 * {@link HttpApi#configure}, over {@link StubUseCases}; and a JDK client to talk to it. A test class
 * that shares one server registers it ({@code @RegisterExtension static final ApiServer api = ...}):
 * the stub use cases are then reset before each test, and the server stopped after the last.
 */
final class ApiServer implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String CURSOR_SECRET = "test-cursor-secret";
    /** The service's limit (server.max-payload-size in application.yaml). */
    static final long MAX_PAYLOAD_SIZE = 1024 * 1024;
    /** Roomy limits for tests that are not about them (http.* in application.yaml holds the service's). */
    static final ClientLimits CLIENT_LIMITS = new ClientLimits(16, 1000, Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(30), 4096, 16384, -1);
    /** Small enough that a test reaches each with a few kilobytes. */
    static final HttpApi.Limits LIMITS = new HttpApi.Limits(4096, 8192, 16_384);

    final StubUseCases useCases = new StubUseCases();
    private final WebServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ApiServer(ClientLimits limits, HttpApi.Access access) {
        server = WebServer.builder()
                .port(0)
                .maxPayloadSize(MAX_PAYLOAD_SIZE)
                .update(builder -> HttpApi.configure(builder, useCases.useCases(), access, CURSOR_SECRET, limits, LIMITS))
                .build()
                .start();
    }

    static ApiServer start() {
        return start(CLIENT_LIMITS);
    }

    static ApiServer start(ClientLimits limits) {
        return new ApiServer(limits, HttpApi.Access.off());
    }

    /** The API with {@code access} deciding who may use it. */
    static ApiServer start(HttpApi.Access access) {
        return new ApiServer(CLIENT_LIMITS, access);
    }

    int port() {
        return server.port();
    }

    /**
     * Sends {@code head} (a request line and headers, CRLF-terminated, without the blank line) and
     * {@code body} over a socket of its own, exactly as given, and returns the status line and the
     * rest of the answer: for what the JDK client will not send, such as a broken chunk.
     */
    String raw(String head, String body) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "Host: localhost\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        useCases.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    Reply get(String path) {
        return send("GET", path, BodyPublishers.noBody(), null);
    }

    Reply postJson(String path, String body) {
        return send("POST", path, BodyPublishers.ofString(body), "application/json");
    }

    Reply send(String method, String path, BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    /** A response: status, headers (lower-case names), body. */
    record Reply(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue()))
                    .findFirst().orElse(null);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            try {
                return JSON.readValue(body, Map.class);
            } catch (IOException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }
    }
}
