package io.workflow.adapters.steps;

import com.sun.net.httpserver.HttpServer;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.port.StepExecutor.StepOutcome.Failed;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.workflow.WebhookStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhooks that aim at forbidden addresses fail with the reason, and the forbidden listener (a real
 * one, on loopback) is never connected to: literal addresses, names, DNS rebinding, redirects.
 */
class WebhookSsrfTest {
    private static final RunContext NO_CONTEXT = RunContext.of(Map.of(), Map.of());
    /** A DNS server of the test's own: names under {@code .test} answer what a test tells them, in turn. */
    private static final Map<String, List<String>> ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();

    private CountingListener forbidden;

    @BeforeAll
    static void standInTheTestDns() throws Exception {
        // Loads the JVM's resolver (ours) before replacing what it asks.
        WebhookLookups.requireInstalled();
        InetAddressResolver jdk = WebhookLookups.replaceUpstream(null);
        WebhookLookups.replaceUpstream(new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                List<String> answers = ANSWERS.get(host);
                if (answers == null) {
                    return jdk.lookupByName(host, policy);
                }
                int turn = LOOKUPS.computeIfAbsent(host, h -> new AtomicInteger()).getAndIncrement();
                return Stream.of(InetAddress.getByName(answers.get(Math.min(turn, answers.size() - 1))));
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return jdk.lookupByAddress(address);
            }
        });
    }

    @BeforeEach
    void listenOnLoopback() throws Exception {
        forbidden = CountingListener.on("127.0.0.1", 0);
    }

    @AfterEach
    void stop() throws Exception {
        forbidden.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/runs", "http://2130706433:%d/", "http://[::ffff:127.0.0.1]:%d/",
            "http://localhost:%d/api/v1/runs?limit=50"})
    void aLoopbackTarget_isBlocked_withoutAConnection(String url) throws Exception {
        try (StepExecutors steps = executors("")) {
            StepOutcome outcome = steps.execute(get(url.formatted(forbidden.port())), NO_CONTEXT);

            assertBlocked(outcome, "loopback address");
        }
        assertThat(forbidden.accepted()).isZero();
    }

    @Test
    void aNameThatResolvesToLoopback_isBlocked_withoutAConnection() throws Exception {
        ANSWERS.put("internal.test", List.of("127.0.0.1"));
        try (StepExecutors steps = executors("")) {
            StepOutcome outcome = steps.execute(get("http://internal.test:" + forbidden.port() + "/"), NO_CONTEXT);

            assertBlocked(outcome, "internal.test resolves to 127.0.0.1 is a loopback address");
        }
        assertThat(forbidden.accepted()).isZero();
    }

    @Test
    void aPlaceholderHost_isJudgedOnceResolved() throws Exception {
        RunContext context = RunContext.of(Map.of("host", "127.0.0.1:" + forbidden.port()), Map.of());
        try (StepExecutors steps = executors("")) {
            StepOutcome outcome = steps.execute(get("http://${payload.host}/x"), context);

            assertBlocked(outcome, "127.0.0.1 is a loopback address");
        }
        assertThat(forbidden.accepted()).isZero();
    }

    @Test
    void aRebindingName_connectsOnlyToTheAddressThatWasChecked() throws Exception {
        // 127.0.0.2 stands for a public address (the allow-list opens it); the answer flips to 127.0.0.1 after the first lookup.
        ANSWERS.put("rebind.test", List.of("127.0.0.2", "127.0.0.1"));
        try (CountingListener checked = CountingListener.on("127.0.0.2", forbidden.port());
             StepExecutors steps = executors("127.0.0.2/32")) {
            steps.execute(get("http://rebind.test:" + forbidden.port() + "/"), NO_CONTEXT);
            steps.execute(get("http://rebind.test:" + forbidden.port() + "/"), NO_CONTEXT);

            assertThat(checked.accepted()).as("both calls, and the client's own retries of a closed connection").isGreaterThanOrEqualTo(2);
        }
        assertThat(forbidden.accepted()).isZero();
    }

    @Test
    void theClientsOwnLookups_areJudged_andOthersAreNot() throws Exception {
        ANSWERS.put("fresh.test", List.of("127.0.0.1"));
        ANSWERS.put("other.test", List.of("127.0.0.1"));
        WebhookAddressPolicy policy = WebhookAddressPolicy.publicOnly();
        try (var webhookThreads = Executors.newThreadPerTaskExecutor(WebhookLookups.policed(policy, Thread.ofVirtual().factory()))) {
            Future<InetAddress[]> lookup = webhookThreads.submit(() -> InetAddress.getAllByName("fresh.test"));

            assertThatThrownBy(lookup::get).hasCauseInstanceOf(UnknownHostException.class)
                    .hasMessageContaining("fresh.test resolves to 127.0.0.1 is a loopback address");
        }
        assertThat(InetAddress.getAllByName("other.test")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
    }

    @Test
    void aRedirectToLoopback_isNotFollowed() throws Exception {
        HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + forbidden.port() + "/api/v1/runs");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirecting.start();
        try (StepExecutors steps = executors("127.0.0.2/32")) {
            StepOutcome outcome = steps.execute(get("http://127.0.0.2:" + redirecting.getAddress().getPort() + "/"), NO_CONTEXT);

            assertThat(outcome).isInstanceOfSatisfying(Failed.class, failed -> assertThat(failed.error()).endsWith("answered 302"));
        } finally {
            redirecting.stop(0);
        }
        assertThat(forbidden.accepted()).isZero();
    }

    private static StepExecutors executors(String allowList) {
        return new StepExecutors(new WebhookSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 64 * 1024,
                WebhookAddressPolicy.parse(allowList)));
    }

    private static WebhookStep get(String url) {
        return new WebhookStep("probe", url, "GET", Map.of(), null);
    }

    private static void assertBlocked(StepOutcome outcome, String reason) {
        assertThat(outcome).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.error()).contains("blocked, no connection made").contains(reason);
            assertThat(failed.failure()).as("no retry can mend a blocked call").isNull();
        });
    }
}
