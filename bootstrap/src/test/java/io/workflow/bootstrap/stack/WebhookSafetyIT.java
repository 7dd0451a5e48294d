package io.workflow.bootstrap.stack;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through nginx to the stack that {@code ops/test} starts (with {@code WEBHOOK_ALLOW=127.0.0.2/32}):
 * every SSRF probe is refused or blocked and a listener on 127.0.0.1 sees no connection; a call to
 * the allowed receiver on 127.0.0.2 carries a signature the Standard Webhooks check accepts.
 */
class WebhookSafetyIT {
    private static final Duration RUN_TIME = Duration.ofSeconds(60);

    private static final StackClient stack = new StackClient();
    private static ServerSocket forbidden;
    private static final AtomicInteger connections = new AtomicInteger();
    private static HttpServer receiver;
    private static final List<Headers> receivedHeaders = new CopyOnWriteArrayList<>();
    private static final List<byte[]> receivedBodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listen() throws IOException {
        forbidden = new ServerSocket();
        forbidden.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread.ofVirtual().start(() -> {
            while (!forbidden.isClosed()) {
                try (Socket ignored = forbidden.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        receiver.createContext("/hook", exchange -> {
            receivedHeaders.add(exchange.getRequestHeaders());
            receivedBodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + forbidden.getLocalPort() + "/api/v1/runs");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void close() throws IOException {
        receiver.stop(0);
        forbidden.close();
    }

    @Test
    void everySsrfProbe_isRefusedOrBlocked_andNoConnectionIsMade() throws Exception {
        int port = forbidden.getLocalPort();
        int stackPort = URI.create(System.getenv("WORKFLOW_STACK_URL")).getPort();
        List<String> literal = List.of("http://localhost:" + stackPort + "/api/v1/runs?limit=50",
                "http://127.0.0.1:" + port + "/", "http://[::1]:" + port + "/", "http://10.0.0.1/", "http://172.16.0.1/",
                "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
                "http://[::ffff:127.0.0.1]:" + port + "/", "http://[::ffff:7f00:1]:" + port + "/", "http://2130706433:" + port + "/",
                "http://0x7f.1:" + port + "/", "http://017700000001:" + port + "/", "http://127.1:" + port + "/", "http://0/",
                "http://0.0.0.0:" + port + "/", "http://[::]/", "http://100.64.0.1/", "http://[fe80::1]/", "http://224.0.0.1/");
        for (String url : literal) {
            StackClient.Answer answer = stack.post("api/v1/workflows", workflow(url));
            assertThat(answer.status()).as("creating a webhook to %s: %s", url, answer.body()).isEqualTo(422);
            assertThat(answer.body().get("field")).isEqualTo("steps[0].config.url");
        }

        String placeholder = createWorkflow("http://${payload.host}/api/v1/runs");
        List<String> runs = new ArrayList<>();
        runs.add(stack.trigger(placeholder, Map.of("host", "127.0.0.1:" + port)));
        runs.add(stack.trigger(placeholder, Map.of("host", "169.254.169.254")));
        String loopbackName = InetAddress.getLocalHost().getHostName();
        if (InetAddress.getByName(loopbackName).isLoopbackAddress()) {
            runs.add(stack.trigger(placeholder, Map.of("host", loopbackName + ":" + port)));
        }
        for (String runId : runs) {
            Map<String, Object> step = finishedStep(runId, "probe");
            assertThat((String) step.get("error")).as("run %s", runId).contains("blocked, no connection made");
        }

        String redirect = createWorkflow("http://127.0.0.2:" + receiver.getAddress().getPort() + "/redirect");
        Map<String, Object> redirected = finishedStep(stack.trigger(redirect, Map.of()), "probe");
        assertThat((String) redirected.get("error")).as("the stack must open 127.0.0.2 (WEBHOOK_ALLOW=127.0.0.2/32, as ops/test does)")
                .endsWith("answered 302");

        Thread.sleep(500);
        assertThat(connections.get()).as("connections to the forbidden listener").isZero();
    }

    @Test
    void aWebhookCall_carriesASignatureTheStandardWebhooksCheckAccepts() throws Exception {
        StackClient.Answer created = stack.post("api/v1/workflows", Map.of("name", "signed", "steps", List.of(Map.of(
                "name", "probe", "type", "webhook", "config", Map.of("url", "http://127.0.0.2:" + receiver.getAddress().getPort() + "/hook",
                        "method", "POST", "body", Map.of("user", "${payload.user_id}"))))));
        StackClient.require(created, 200);
        String secret = (String) created.body().get("signing_secret");
        int before = receivedHeaders.size();

        Map<String, Object> step = finishedStep(stack.trigger((String) created.body().get("workflow_id"), Map.of("user_id", 7)), "probe");

        assertThat(step.get("status")).as("%s", step).isEqualTo("success");
        Headers headers = receivedHeaders.get(before);
        byte[] body = receivedBodies.get(before);
        assertThat(headers.getFirst("Idempotency-Key")).isEqualTo(headers.getFirst("webhook-id"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((headers.getFirst("webhook-id") + "." + headers.getFirst("webhook-timestamp") + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        String signature = headers.getFirst("webhook-signature");
        assertThat(signature).startsWith("v1,");
        assertThat(MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))).isTrue();
    }

    private static Map<String, Object> workflow(String url) {
        return Map.of("name", "ssrf probe", "steps", List.of(Map.of("name", "probe", "type", "webhook",
                "config", Map.of("url", url, "method", "GET"))));
    }

    private static String createWorkflow(String url) throws Exception {
        StackClient.Answer answer = stack.post("api/v1/workflows", workflow(url));
        StackClient.require(answer, 200);
        return (String) answer.body().get("workflow_id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> finishedStep(String runId, String step) throws Exception {
        Map<String, String> statuses = stack.awaitTerminal(List.of(runId), RUN_TIME);
        assertThat(statuses.get(runId)).as("run %s", runId).isIn("success", "failed");
        Map<String, Object> run = stack.get("api/v1/runs/" + runId).body();
        return (Map<String, Object>) ((Map<String, Object>) run.get("step_results")).get(step);
    }
}
