package io.workflow.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.workflow.perf.http.HttpConnection;
import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.ErrorKindCount;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.testing.FlowStubServer;
import io.workflow.perf.testing.RawServer;

/** Each way a request can fail, seen through a whole phase: its class, where it happened, and counts that add up. */
class FlowErrorClassificationTest {

    private static PhaseResult run(String url, int users, Duration timeout) throws InterruptedException {
        return new PhaseRunner(TestSettings.withTimeout(timeout)).closedLoop(Target.of("t", url, false), users, null);
    }

    private static void assertCountsAddUp(PhaseResult phase) {
        assertThat(phase.requests().planned()).isEqualTo(phase.users().total() * 7);
        assertThat(phase.requests().sent() + phase.requests().notSent()).isEqualTo(phase.requests().planned());
        assertThat(phase.requests().succeeded() + phase.requests().failed()).isEqualTo(phase.requests().sent());
        assertThat(phase.errors().total()).isEqualTo(phase.requests().failed());
        assertThat(phase.errors().kinds().stream().mapToLong(ErrorKindCount::count).sum()).isEqualTo(phase.errors().total());
        assertThat(phase.endpoints().stream().mapToLong(EndpointResult::sent).sum()).isEqualTo(phase.requests().sent());
        assertThat(phase.latency().count()).isEqualTo(phase.requests().sent());
        assertThat(phase.users().completed() + phase.users().failed()).isEqualTo(phase.users().total());
    }

    private static ErrorKindCount onlyKind(PhaseResult phase) {
        assertThat(phase.errors().kinds()).hasSize(1);
        return phase.errors().kinds().getFirst();
    }

    @Test
    void givenClosedPort_everyUserStopsAtHealth_withConnectionRefused() throws Exception {
        String url;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            url = "http://127.0.0.1:" + socket.getLocalPort();
        }
        PhaseResult phase = run(url, 5, Duration.ofSeconds(2));
        assertCountsAddUp(phase);
        ErrorKindCount kind = onlyKind(phase);
        assertThat(kind.kind()).isEqualTo("CONNECTION_REFUSED");
        assertThat(kind.count()).isEqualTo(5);
        assertThat(kind.byEndpoint()).isEqualTo(Map.of("GET /health", 5L));
        assertThat(kind.samples()).hasSize(3).allSatisfy(sample -> assertThat(sample).startsWith("GET /health: "));
        assertThat(phase.requests().notSent()).isEqualTo(30);
        assertThat(phase.users().completed()).isZero();
        assertThat(phase.completion().triggered()).isZero();
    }

    @Test
    void givenServerThatHangs_requestsTimeOutAfterTheRequestTimeout() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequestHead(socket.getInputStream());
            Thread.sleep(10_000);
        })) {
            PhaseResult phase = run(server.url(), 3, Duration.ofMillis(300));
            assertCountsAddUp(phase);
            assertThat(onlyKind(phase).kind()).isEqualTo("REQUEST_TIMEOUT");
            assertThat(phase.latency().minMs()).isGreaterThanOrEqualTo(299);
            long phaseStart = Instant.parse(phase.startedAt()).toEpochMilli();
            assertThat(phase.errors().failures()).hasSize(3).allSatisfy(failure -> {
                assertThat(failure.kind()).isEqualTo("REQUEST_TIMEOUT");
                assertThat(failure.endpoint()).isEqualTo("GET /health");
                assertThat(failure.sentAtMillis()).isGreaterThanOrEqualTo(phaseStart - 1);
                assertThat(failure.answeredAtMillis() - failure.sentAtMillis()).isBetween(299L, 5_000L);
            });
        }
    }

    @Test
    void givenServerThatClosesMidResponse_requestsFailAsServerDisconnected() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            RawServer.readRequestHead(socket.getInputStream());
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"sta");
        })) {
            PhaseResult phase = run(server.url(), 4, Duration.ofSeconds(2));
            assertCountsAddUp(phase);
            assertThat(onlyKind(phase).kind()).isEqualTo("SERVER_DISCONNECTED");
            assertThat(onlyKind(phase).count()).isEqualTo(4);
        }
    }

    @Test
    void givenNotFoundOnGetWorkflow_usersStopThere_withHttp4xxAndTheBodyAsSample() throws Exception {
        try (FlowStubServer server = new FlowStubServer(0).force("GET /api/v1/workflows/{id}", 404)) {
            PhaseResult phase = run(server.url(), 6, Duration.ofSeconds(2));
            assertCountsAddUp(phase);
            ErrorKindCount kind = onlyKind(phase);
            assertThat(kind.kind()).isEqualTo("HTTP_4XX");
            assertThat(kind.byEndpoint()).isEqualTo(Map.of("GET /api/v1/workflows/{id}", 6L));
            assertThat(kind.samples().getFirst()).contains("-> 404").contains("forced by the test");
            assertThat(phase.requests().sent()).isEqualTo(6 * 4);
            assertThat(phase.endpoints().get(Endpoint.CREATE_WORKFLOW.ordinal()).succeeded()).isEqualTo(6);
        }
    }

    @Test
    void givenServerErrorOnTrigger_requestsFailAsHttp5xx_andNoRunIsFollowed() throws Exception {
        try (FlowStubServer server = new FlowStubServer(0).force("POST /api/v1/trigger", 500)) {
            PhaseResult phase = run(server.url(), 6, Duration.ofSeconds(2));
            assertCountsAddUp(phase);
            assertThat(onlyKind(phase).kind()).isEqualTo("HTTP_5XX");
            assertThat(onlyKind(phase).byEndpoint()).isEqualTo(Map.of("POST /api/v1/trigger", 6L));
            assertThat(phase.completion().triggered()).isZero();
        }
    }

    @Test
    void givenSuccessWithoutTheWorkflowId_theCreateRequestCountsAsUnexpectedResponse() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            while (RawServer.readRequestHead(socket.getInputStream()) != null) {
                RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            }
        })) {
            PhaseResult phase = run(server.url(), 3, Duration.ofSeconds(2));
            assertCountsAddUp(phase);
            ErrorKindCount kind = onlyKind(phase);
            assertThat(kind.kind()).isEqualTo("UNEXPECTED_RESPONSE");
            assertThat(kind.byEndpoint()).isEqualTo(Map.of("POST /api/v1/workflows", 3L));
            assertThat(server.connections()).isEqualTo(3);
        }
    }

    @Test
    void givenHealthyService_everyUserCompletes_andEveryRunIsFollowedToSuccess() throws Exception {
        try (FlowStubServer server = new FlowStubServer(150)) {
            PhaseResult phase = run(server.url(), 20, Duration.ofSeconds(5));
            assertCountsAddUp(phase);
            assertThat(phase.requests().sent()).isEqualTo(140);
            assertThat(phase.errors().kinds()).isEmpty();
            assertThat(phase.users().completed()).isEqualTo(20);
            assertThat(phase.endpoints()).allSatisfy(e -> assertThat(e.succeeded()).isEqualTo(20));
            assertThat(phase.completion().triggered()).isEqualTo(20);
            assertThat(phase.completion().success()).isEqualTo(20);
            assertThat(phase.completion().neverFinished()).isZero();
            assertThat(phase.completion().triggerToTerminal().count()).isEqualTo(20);
            assertThat(phase.completion().triggerToTerminal().minMs()).isGreaterThanOrEqualTo(150);
            assertThat(phase.completion().serverDuration().p50Ms()).isCloseTo(150, within(1.0));
            assertThat(phase.timeline().stream().mapToLong(t -> t.requests()).sum()).isEqualTo(140);
            assertThat(phase.resources()).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("self"));
            assertThat(server.requests()).isEqualTo(140 + (int) phase.completion().pollRequests());
        }
    }

    @Test
    void theFirstRequestOfAFlowIsTimedFromItsScheduledStart() throws Exception {
        try (FlowStubServer server = new FlowStubServer(0)) {
            PhaseMetrics metrics = new PhaseMetrics();
            FlowRunner flow = new FlowRunner(Target.of("t", server.url(), false), Duration.ofSeconds(5).toNanos(), metrics);
            try (var connection = new HttpConnection(Target.of("t", server.url(), false).address(),
                    Duration.ofSeconds(1).toNanos())) {
                assertThat(flow.run(connection, 1, System.nanoTime() - Duration.ofMillis(200).toNanos())).isTrue();
            }
            metrics.latencies.drain();
            assertThat(metrics.latencies.total(Endpoint.HEALTH).getMinValue()).isGreaterThanOrEqualTo(200_000);
            assertThat(metrics.latencies.total(Endpoint.ROOT).getMaxValue()).isLessThan(200_000);
            assertThat(List.of(metrics.runs().size(), (int) metrics.sentTotal())).containsExactly(1, 7);
        }
    }
}
