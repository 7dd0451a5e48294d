package io.workflow.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook calls of the embedded service (loopback opened by {@code webhook.allow}, as the test
 * harnesses do) carry Standard Webhooks signatures that an independent verifier accepts, and an
 * {@code Idempotency-Key} that every try of a step repeats.
 */
class SignedWebhookServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Service service;
    private static String base;
    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static final AtomicInteger failuresToAnswer = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    private record Received(Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        service = EmbeddedServices.start(Map.of("webhook.allow", "127.0.0.0/8,::1", "webhook.signing.grace.seconds", "3600"));
        base = "http://127.0.0.1:" + service.port();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(failuresToAnswer.getAndDecrement() > 0 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        service.close();
    }

    @BeforeEach
    void reset() {
        received.clear();
        failuresToAnswer.set(0);
    }

    @Test
    void everyTryOfAStep_isSignedVerifiably_andRepeatsItsIdempotencyKey() throws Exception {
        Map<?, ?> created = createWorkflow();
        String secret = (String) created.get("signing_secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeBetween(24, 64);
        failuresToAnswer.set(1);

        Map<?, ?> run = runToEnd((String) created.get("workflow_id"));

        assertThat(run.get("status")).isEqualTo("success");
        assertThat(received).hasSize(2);
        Received first = received.get(0);
        Received second = received.get(1);
        assertThat(first.header("Idempotency-Key")).isNotBlank().isEqualTo(second.header("Idempotency-Key"));
        assertThat(first.header("webhook-id")).startsWith("msg_").isEqualTo(second.header("webhook-id"));
        for (Received call : received) {
            assertThat(new String(call.body(), StandardCharsets.UTF_8)).isEqualTo("{\"user\":7}");
            assertThat(Long.parseLong(call.header("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            assertThat(verifies(secret, call)).as("signature %s", call.header("webhook-signature")).isTrue();
            assertThat(verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), call)).isFalse();
        }
    }

    @Test
    void anotherRun_getsAnotherIdempotencyKey() throws Exception {
        Map<?, ?> created = createWorkflow();
        runToEnd((String) created.get("workflow_id"));
        runToEnd((String) created.get("workflow_id"));

        assertThat(received).hasSize(2);
        assertThat(received.get(0).header("Idempotency-Key")).isNotEqualTo(received.get(1).header("Idempotency-Key"));
    }

    @Test
    void afterARotation_callsCarryBothSignatures_duringTheGracePeriod() throws Exception {
        Map<?, ?> created = createWorkflow();
        String old = (String) created.get("signing_secret");
        HttpResponse<String> rotation = send("POST", "/api/v1/workflows/" + created.get("workflow_id") + "/signing-secret", null);
        assertThat(rotation.statusCode()).isEqualTo(200);
        Map<?, ?> rotated = JSON.readValue(rotation.body(), Map.class);
        String fresh = (String) rotated.get("signing_secret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(Instant.parse((String) rotated.get("previous_valid_until"))).isAfter(Instant.now().plusSeconds(3500));

        runToEnd((String) created.get("workflow_id"));

        Received call = received.getFirst();
        assertThat(call.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(verifies(fresh, call)).isTrue();
        assertThat(verifies(old, call)).isTrue();
    }

    @Test
    void rotatingTheSecretOfAnUnknownWorkflow_is404() throws Exception {
        assertThat(send("POST", "/api/v1/workflows/" + java.util.UUID.randomUUID() + "/signing-secret", null).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/workflows/" + java.util.UUID.randomUUID() + "/signing-secret", null).statusCode())
                .isEqualTo(405);
    }

    /**
     * The Standard Webhooks check, written from the spec and not from the service's code: HMAC-SHA256
     * keyed with the base64 after {@code whsec_}, over {@code id.timestamp.body}; any {@code v1,}
     * signature in the space-separated list may match, compared in constant time.
     */
    private static boolean verifies(String secret, Received call) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
        byte[] signed = (call.header("webhook-id") + "." + call.header("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(signed, signed.length + call.body().length);
        System.arraycopy(call.body(), 0, content, signed.length, call.body().length);
        byte[] expected = mac.doFinal(content);
        for (String signature : call.header("webhook-signature").split(" ")) {
            String[] parts = signature.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }

    private Map<?, ?> createWorkflow() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        HttpResponse<String> response = send("POST", "/api/v1/workflows", Map.of("name", "signed", "steps", List.of(
                Map.of("name", "notify", "type", "webhook",
                        "config", Map.of("url", url, "method", "POST", "body", Map.of("user", "${payload.user_id}")),
                        "retry", Map.of("max_attempts", 3, "initial_interval", 0.05, "retry_on", List.of("5xx"))))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }

    private Map<?, ?> runToEnd(String workflowId) throws Exception {
        Map<?, ?> triggered = JSON.readValue(send("POST", "/api/v1/trigger",
                Map.of("workflow_id", workflowId, "payload", Map.of("user_id", 7))).body(), Map.class);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Map<?, ?> run = JSON.readValue(send("GET", "/api/v1/runs/" + triggered.get("run_id"), null).body(), Map.class);
            if ("success".equals(run.get("status")) || "failed".equals(run.get("status"))) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + triggered.get("run_id") + " did not end");
    }

    private HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, publisher)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
