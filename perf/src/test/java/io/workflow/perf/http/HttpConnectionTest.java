package io.workflow.perf.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.workflow.perf.testing.RawServer;

class HttpConnectionTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static long in(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void givenClosedPort_exchange_failsAsConnectionRefused() throws IOException {
        InetSocketAddress closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }
        try (HttpConnection connection = new HttpConnection(closed, SECOND)) {
            assertThatThrownBy(() -> connection.exchange("GET", "/health", null, in(2000)))
                    .isInstanceOfSatisfying(RequestFailure.class, f -> assertThat(f.kind()).isEqualTo(ErrorKind.CONNECTION_REFUSED));
        }
    }

    @Test
    void givenFullAcceptQueue_exchange_failsAsConnectTimeout() throws IOException {
        // a listener that never accepts: once its backlog is full the kernel drops further SYNs
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(address, 200);
                        fillers.add(filler);
                    } catch (IOException full) {
                        filler.close();
                    }
                }
                try (HttpConnection connection = new HttpConnection(address, TimeUnit.MILLISECONDS.toNanos(300))) {
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> connection.exchange("GET", "/health", null, in(5000)))
                            .isInstanceOfSatisfying(RequestFailure.class, f -> assertThat(f.kind()).isEqualTo(ErrorKind.CONNECT_TIMEOUT));
                    assertThat(System.nanoTime() - start).isBetween(TimeUnit.MILLISECONDS.toNanos(250), 3 * SECOND);
                }
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void givenServerThatNeverAnswers_exchange_failsAsRequestTimeoutAtTheDeadline() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequestHead(socket.getInputStream());
            Thread.sleep(10_000);
        }); HttpConnection connection = new HttpConnection(server.address(), SECOND)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> connection.exchange("GET", "/health", null, in(300)))
                    .isInstanceOfSatisfying(RequestFailure.class, f -> assertThat(f.kind()).isEqualTo(ErrorKind.REQUEST_TIMEOUT));
            assertThat(System.nanoTime() - start).isBetween(TimeUnit.MILLISECONDS.toNanos(290), 2 * SECOND);
            assertThat(connection.isOpen()).isFalse();
        }
    }

    @Test
    void givenServerThatDripsBytes_exchange_timesOutOnTheWholeResponseNotPerRead() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequestHead(socket.getInputStream());
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
            for (int i = 0; i < 100; i++) {
                Thread.sleep(100);
                RawServer.write(socket, "x");
            }
        }); HttpConnection connection = new HttpConnection(server.address(), SECOND)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> connection.exchange("GET", "/health", null, in(500)))
                    .isInstanceOfSatisfying(RequestFailure.class, f -> assertThat(f.kind()).isEqualTo(ErrorKind.REQUEST_TIMEOUT));
            assertThat(System.nanoTime() - start).isLessThan(2 * SECOND);
        }
    }

    @Test
    void givenServerThatClosesMidResponse_exchange_failsAsServerDisconnected() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequestHead(socket.getInputStream());
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"status\":");
        }); HttpConnection connection = new HttpConnection(server.address(), SECOND)) {
            assertThatThrownBy(() -> connection.exchange("GET", "/health", null, in(2000)))
                    .isInstanceOfSatisfying(RequestFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(ErrorKind.SERVER_DISCONNECTED);
                        assertThat(f.getMessage()).contains("mid-response");
                    });
        }
    }

    @Test
    void givenAnApiKey_everyRequestCarriesItAsABearerToken() throws Exception {
        java.util.List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RawServer server = new RawServer(socket -> {
            heads.add(RawServer.readRequestHead(socket.getInputStream()));
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        }); HttpConnection connection = new HttpConnection(server.address(), SECOND, "wfa_key")) {
            connection.exchange("GET", "/api/v1/runs", null, in(2000));
        }
        assertThat(heads).singleElement().asString().contains("Authorization: Bearer wfa_key\r\n");
    }

    @Test
    void givenServerThatClosesWithoutAnswering_exchange_failsAsServerDisconnected() throws Exception {
        try (RawServer server = new RawServer(socket -> RawServer.readRequestHead(socket.getInputStream()));
             HttpConnection connection = new HttpConnection(server.address(), SECOND)) {
            assertThatThrownBy(() -> connection.exchange("GET", "/health", null, in(2000)))
                    .isInstanceOfSatisfying(RequestFailure.class, f -> assertThat(f.kind()).isEqualTo(ErrorKind.SERVER_DISCONNECTED));
        }
    }

    @Test
    void givenGarbageInsteadOfHttp_exchange_failsAsUnexpectedResponse() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequestHead(socket.getInputStream());
            RawServer.write(socket, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
        }); HttpConnection connection = new HttpConnection(server.address(), SECOND)) {
            assertThatThrownBy(() -> connection.exchange("GET", "/health", null, in(2000)))
                    .isInstanceOfSatisfying(RequestFailure.class, f -> assertThat(f.kind()).isEqualTo(ErrorKind.UNEXPECTED_RESPONSE));
        }
    }

    @Test
    void givenErrorStatuses_exchange_returnsThemWithTheirBodies() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequestHead(socket.getInputStream());
            RawServer.write(socket, "HTTP/1.1 404 Not Found\r\nContent-Length: 22\r\n\r\n{\"detail\":\"Not Found\"}");
            RawServer.readRequestHead(socket.getInputStream());
            RawServer.write(socket, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 9\r\n\r\n{\"e\":\"x\"}");
        }); HttpConnection connection = new HttpConnection(server.address(), SECOND)) {
            Response notFound = connection.exchange("GET", "/api/v1/runs/x", null, in(2000));
            Response failed = connection.exchange("POST", "/api/v1/trigger", "{}".getBytes(), in(2000));
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.bodyText()).isEqualTo("{\"detail\":\"Not Found\"}");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(ErrorKind.ofStatus(notFound.status())).isEqualTo(ErrorKind.HTTP_4XX);
            assertThat(ErrorKind.ofStatus(failed.status())).isEqualTo(ErrorKind.HTTP_5XX);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void keepsTheConnectionAliveAndReconnectsAfterConnectionClose() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequestHead(socket.getInputStream());
            RawServer.write(socket, ok("{\"n\":1}"));
            RawServer.readRequestHead(socket.getInputStream());
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 7\r\n\r\n{\"n\":2}");
        }); HttpConnection connection = new HttpConnection(server.address(), SECOND)) {
            assertThat(connection.exchange("GET", "/", null, in(2000)).bodyText()).isEqualTo("{\"n\":1}");
            assertThat(connection.exchange("GET", "/", null, in(2000)).bodyText()).isEqualTo("{\"n\":2}");
            assertThat(connection.isOpen()).isFalse();
            assertThat(connection.exchange("GET", "/", null, in(2000)).bodyText()).isEqualTo("{\"n\":1}");
            assertThat(connection.connects()).isEqualTo(2);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void sendsAWellFormedRequestWithItsJsonBody() throws Exception {
        List<String> heads = new CopyOnWriteArrayList<>();
        try (RawServer server = new RawServer(socket -> {
            var in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            heads.add(head + new String(in.readNBytes(15)));
            RawServer.write(socket, ok("{}"));
        }); HttpConnection connection = new HttpConnection(server.address(), SECOND)) {
            connection.exchange("POST", "/api/v1/trigger", "{\"a\":\"b\",\"c\":1}".getBytes(), in(2000));
        }
        assertThat(heads).hasSize(1);
        assertThat(heads.getFirst())
                .startsWith("POST /api/v1/trigger HTTP/1.1\r\n")
                .contains("\r\nHost: 127.0.0.1:", "\r\nContent-Type: application/json\r\n", "\r\nContent-Length: 15\r\n")
                .endsWith("\r\n\r\n{\"a\":\"b\",\"c\":1}");
    }

    @Test
    void givenServerThatDropsAnIdleKeptAliveConnection_exchange_retriesOnceOnAFreshOne() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequestHead(socket.getInputStream());
            RawServer.write(socket, ok("{\"n\":1}"));
            // closes without Connection: close, as a server's idle timeout does
        }); HttpConnection connection = new HttpConnection(server.address(), SECOND)) {
            connection.exchange("GET", "/", null, in(2000));
            Thread.sleep(1100);
            assertThat(connection.exchange("GET", "/", null, in(2000)).bodyText()).isEqualTo("{\"n\":1}");
            assertThat(connection.connects()).isEqualTo(2);
        }
    }
}
