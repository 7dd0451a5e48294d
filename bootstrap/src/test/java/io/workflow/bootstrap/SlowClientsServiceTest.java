package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service (application.yaml, the composition root) with its API's permits held by slow
 * clients, a small permit count keeping it cheap: liveness, readiness and metrics still answer at once.
 */
class SlowClientsServiceTest {
    private static final int PERMITS = 4;
    private static final int SLOW_CLIENTS = 50;

    private static Service service;
    private static final List<Socket> SLOW = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startAndHoldTheApi() throws Exception {
        Config config = Config.builder()
                .addSource(ConfigSources.create(Map.of("mode", "embedded", "role", "all", "server.port", "0",
                        "http.api.permits", String.valueOf(PERMITS), "http.api.queue.length", "0")))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
        service = Service.start(config);
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            Socket socket = new Socket();
            SLOW.add(socket);
            socket.connect(new InetSocketAddress("127.0.0.1", service.port()), 5_000);
            socket.getOutputStream().write(("POST /api/v1/trigger HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"workflow_id\": \"")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status = get("/api/v1/runs").statusCode();
        while (status != 503 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = get("/api/v1/runs").statusCode();
        }
        assertThat(status).as("an API request while the slow clients hold every permit").isEqualTo(503);
    }

    @AfterAll
    static void stop() throws IOException {
        for (Socket socket : SLOW) {
            socket.close();
        }
        service.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/observe/health", "/observe/health/ready", "/observe/metrics"})
    void withEveryApiPermitHeldBySlowClients_livenessReadinessAndMetricsAnswerWithinASecond(String path) throws Exception {
        get(path); // the first answer loads classes (metrics above all); it is not what is measured
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(path);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(Duration.ofSeconds(1));
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
