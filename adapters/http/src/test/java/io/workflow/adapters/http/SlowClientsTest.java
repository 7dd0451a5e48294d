package io.workflow.adapters.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and vanishing clients against the real server on real sockets: they cannot hold the API's
 * permits against {@code /health}, a stalled request is cut off by its read deadline, and a client
 * that leaves mid-body is no server failure in the log.
 */
class SlowClientsTest {
    private static final String SLOW_POST = "POST /api/v1/workflows HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"name\": \"slo";

    private final List<Socket> sockets = new ArrayList<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");
    private final Logger problems = Logger.getLogger(ProblemResponses.class.getName());
    private Level problemsLevel;
    private ApiServer api;

    @BeforeEach
    void captureLogs() {
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        problemsLevel = problems.getLevel();
        problems.setLevel(Level.FINE);
    }

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (api != null) {
            api.close();
        }
        root.removeHandler(capture);
        problems.setLevel(problemsLevel);
    }

    @Test
    void slowBodiesHoldingEveryApiPermit_leaveHealthAnsweringWithinASecond() throws Exception {
        api = ApiServer.start(limits(4, 0, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        for (int i = 0; i < 40; i++) {
            openSlowPost();
        }
        awaitApiAnswers(503);

        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            ApiServer.Reply health = api.get("/health");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(health.status()).isEqualTo(200);
        }
        ApiServer.Reply busy = api.get("/api/v1/runs");
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo(ProblemResponses.RETRY_AFTER_SECONDS);
        assertThat(busy.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
    }

    @Test
    void aStalledBody_isCutOffByTheBodyTimeout_andItsPermitIsFreed() throws Exception {
        api = ApiServer.start(limits(1, 0, Duration.ofSeconds(30), Duration.ofSeconds(1)));
        long start = System.nanoTime();
        Socket slow = openSlowPost();

        assertCutOffAfterASecond(slow, start);
        // the only permit is free again (were the stalled request still holding it, this would be 503)
        assertThat(api.get("/api/v1/runs").status()).isEqualTo(200);
    }

    @Test
    void stalledHeaders_areCutOffByTheHeaderTimeout() throws Exception {
        api = ApiServer.start(limits(4, 0, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        long start = System.nanoTime();
        Socket slow = open("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: appl");

        assertCutOffAfterASecond(slow, start);
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void aClientThatClosesMidBody_isLoggedOnceAtFine_notAsAServerFailure() throws Exception {
        api = ApiServer.start(limits(1, 0, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        Socket slow = openSlowPost();
        awaitApiAnswers(503); // the request holds the permit: its handler is reading the body

        slow.close();
        awaitApiAnswers(200);

        assertThat(wentAway()).hasSize(1);
        assertThat(wentAway().getFirst().getLevel()).isEqualTo(Level.FINE);
        assertThat(wentAway().getFirst().getThrown()).isNull();
        assertNothingLoggedAboveInfo();
    }

    @Test
    void aClientThatResetsMidBody_isNotLoggedAsAServerFailure() throws Exception {
        api = ApiServer.start(limits(1, 0, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        Socket slow = openSlowPost();
        awaitApiAnswers(503);

        slow.setSoLinger(true, 0); // a reset, as from a client that died
        slow.close();
        awaitApiAnswers(200);

        assertThat(wentAway()).hasSizeLessThanOrEqualTo(1);
        assertNothingLoggedAboveInfo();
    }

    @Test
    void aRequestLineOrHeadersOverTheirLimits_areRefusedWithAProblem() {
        api = ApiServer.start(new ClientLimits(4, 0, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(10),
                256, 1024, 100));

        ApiServer.Reply longLine = api.get("/api/v1/runs/" + "a".repeat(300));
        ApiServer.Reply bigHeaders = api.send(HttpRequest.newBuilder(api.uri("/health"))
                .header("X-Padding", "p".repeat(2000)).build());

        assertThat(longLine.status()).isEqualTo(414);
        assertThat(longLine.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(bigHeaders.status()).isEqualTo(400);
        assertThat(bigHeaders.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertNothingLoggedAboveInfo();
    }

    private static ClientLimits limits(int permits, int queueLength, Duration headerTimeout, Duration bodyTimeout) {
        return new ClientLimits(permits, queueLength, Duration.ofSeconds(1), headerTimeout, bodyTimeout, 4096, 16384, -1);
    }

    private Socket openSlowPost() throws IOException {
        return open(SLOW_POST);
    }

    private Socket open(String start) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", api.port()), 5_000);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Until an API request is answered {@code status} (503: the slow clients hold every permit), at most 10 s. */
    private void awaitApiAnswers(int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int answered = api.get("/api/v1/runs").status();
        while (answered != status && System.nanoTime() < deadline) {
            Thread.sleep(20);
            answered = api.get("/api/v1/runs").status();
        }
        assertThat(answered).as("what an API request is answered").isEqualTo(status);
    }

    /** The server closes {@code socket} within 10 s, but not before its one-second timeout, and logs no failure. */
    private void assertCutOffAfterASecond(Socket socket, long openedNanos) throws IOException {
        assertClosedByServerWithin(socket, Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - openedNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertNothingLoggedAboveInfo();
    }

    private static void assertClosedByServerWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        try {
            int read = in.read();
            while (read != -1) { // an answer (such as 408) may come before the close
                read = in.read();
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the stalled connection open for " + limit, e);
        } catch (IOException e) {
            // reset by the server: closed as well
        }
    }

    private List<LogRecord> wentAway() {
        return logged.stream().filter(r -> r.getMessage() != null && r.getMessage().contains("went away")).toList();
    }

    private void assertNothingLoggedAboveInfo() {
        assertThat(logged.stream().filter(r -> r.getLevel().intValue() > Level.INFO.intValue())
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage() + " " + r.getThrown()))
                .isEmpty();
    }
}
