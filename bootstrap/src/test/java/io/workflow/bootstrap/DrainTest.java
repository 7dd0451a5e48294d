package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to an API replica ({@link Service#drainAndClose}, what Main's shutdown hook runs), seen
 * from the wire: readiness goes 503 and responses close their connection while the replica still
 * serves; then new connections are refused; a request that was already in flight still gets its
 * answer; then the process may exit.
 */
class DrainTest {
    private static final Duration DRAIN_DELAY = Duration.ofSeconds(3);
    private static final String BODY = "{\"name\": \"in flight\", \"steps\": []}";

    @Test
    void sigterm_readinessDownAndConnectionClose_thenRefusesNewConnections_andFinishesTheRequestInFlight() throws Exception {
        Service service = Service.start(config());
        int port = service.port();
        Thread stopping = null;
        try (Socket inFlight = connect(port); Socket keptAlive = connect(port)) {
            // A request whose body is half sent when the drain begins, and an idle keep-alive connection.
            String head = "POST /api/v1/workflows HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + BODY.length() + "\r\n\r\n";
            write(inFlight, head + BODY.substring(0, 10));
            write(keptAlive, "GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
            assertThat(readResponse(keptAlive.getInputStream())).startsWith("HTTP/1.1 200").contains("keep-alive");

            stopping = Thread.ofPlatform().name("sigterm").start(service::drainAndClose);

            String ready = awaitReadinessDown(port);
            assertThat(ready).startsWith("HTTP/1.1 503").containsIgnoringCase("connection: close");
            write(keptAlive, "GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
            assertThat(readResponse(keptAlive.getInputStream())).startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("connection: close");
            assertThat(keptAlive.getInputStream().read()).as("the server closed the connection").isEqualTo(-1);

            awaitRefused(port);
            write(inFlight, BODY.substring(10));
            assertThat(readResponse(inFlight.getInputStream())).startsWith("HTTP/1.1 200")
                    .contains("Workflow created successfully");

            stopping.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(stopping.isAlive()).as("stopped within the drain delay and the grace period").isFalse();
        } finally {
            if (stopping == null) {
                service.close();
            }
        }
    }

    private static Config config() {
        return Config.builder()
                .addSource(ConfigSources.create(Map.of("mode", "embedded", "role", "all", "server.port", "0",
                        "shutdown.drain.delay.ms", Long.toString(DRAIN_DELAY.toMillis()))))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
    }

    /** The readiness answer once draining has begun; polled, since the drain starts on another thread. */
    private static String awaitReadinessDown(int port) throws Exception {
        long deadline = System.nanoTime() + DRAIN_DELAY.toNanos();
        String reply;
        do {
            try (Socket socket = connect(port)) {
                write(socket, "GET /observe/health/ready HTTP/1.1\r\nHost: test\r\n\r\n");
                reply = readResponse(socket.getInputStream());
            }
        } while (reply.startsWith("HTTP/1.1 200") && System.nanoTime() < deadline && pause());
        return reply;
    }

    private static void awaitRefused(int port) throws Exception {
        long deadline = System.nanoTime() + DRAIN_DELAY.plusSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = connect(port)) {
                pause();
            } catch (ConnectException refused) {
                return;
            }
        }
        throw new AssertionError("the listener still accepts connections after the drain delay");
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(50);
        return true;
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One response: the head, then exactly Content-Length bytes of body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a whole response: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
