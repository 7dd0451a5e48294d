package io.workflow.adapters.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.port.StepExecutor.StepOutcome.Failed;
import io.workflow.domain.port.StepExecutor.StepOutcome.Succeeded;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.workflow.WebhookStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.time.format.DateTimeFormatter;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;
import io.workflow.domain.workflow.RetryPolicy.Failure;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class WebhookStepExecutionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    /** The receivers here listen on loopback, which webhooks reach only when the allow-list opens it. */
    private static final WebhookAddressPolicy LOOPBACK_RECEIVERS = WebhookAddressPolicy.parse("127.0.0.0/8,::1");

    private final RunContext context = RunContext.of(
            Map.of("user_id", 42, "name", "Ada"),
            Map.of("first", StepResult.succeeded("first", NOW, NOW, Map.of("body", Map.of("token", "t-123")))));

    private RecordingServer server;
    private StepExecutors steps;

    @BeforeEach
    void start() throws IOException {
        server = RecordingServer.start();
        steps = new StepExecutors(new WebhookSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 64 * 1024, LOOPBACK_RECEIVERS));
    }

    @AfterEach
    void stop() {
        server.close();
        steps.close();
    }

    @Test
    void post_sendsTheMethodHeadersAndJsonBodyWithPlaceholdersResolved() throws Exception {
        WebhookStep step = new WebhookStep("notify", server.url("/hooks/users"), "POST",
                Map.of("X-User", "user-${payload.user_id}", "Authorization", "Bearer ${first.body.token}"),
                Map.of("user_id", "${payload.user_id}",
                        "label", "user-${payload.user_id}",
                        "token", "${first.body.token}",
                        "tags", List.of("${payload.name}", "fixed")));

        StepOutcome outcome = steps.execute(step, context);

        assertThat(outcome).isInstanceOf(Succeeded.class);
        RecordingServer.Received request = server.next();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/users");
        assertThat(request.header("X-User")).isEqualTo("user-42");
        assertThat(request.header("Authorization")).isEqualTo("Bearer t-123");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readValue(request.body(), Map.class)).containsOnly(
                entry("user_id", 42),
                entry("label", "user-42"),
                entry("token", "t-123"),
                entry("tags", List.of("Ada", "fixed")));
    }

    @Test
    void objectsAndListsInsideALongerString_readAsJson() throws Exception {
        RunContext withStructure = RunContext.of(Map.of("user", Map.of("id", "u-7", "tags", List.of("a", "b")), "name", "Ada"), Map.of());
        WebhookStep step = new WebhookStep("notify", server.url("/x"), "POST",
                Map.of("X-Tags", "${payload.user.tags}"),
                Map.of("text", "tags ${payload.user.tags} of \"${payload.name}\"", "user", "user=${payload.user}"));

        assertThat(steps.execute(step, withStructure)).isInstanceOf(Succeeded.class);

        RecordingServer.Received request = server.next();
        assertThat(request.header("X-Tags")).isEqualTo("[\"a\",\"b\"]");
        Map<?, ?> body = JSON.readValue(request.body(), Map.class);
        assertThat(body.get("text")).isEqualTo("tags [\"a\",\"b\"] of \"Ada\"");
        assertThat((String) body.get("user")).isIn("user={\"id\":\"u-7\",\"tags\":[\"a\",\"b\"]}",
                "user={\"tags\":[\"a\",\"b\"],\"id\":\"u-7\"}");
    }

    @Test
    void placeholdersInTheUrl_areResolvedBeforeTheCall() throws Exception {
        WebhookStep step = new WebhookStep("fetch", server.url("/users/${payload.user_id}/tokens/${first.body.token}"), "GET",
                Map.of(), null);

        StepOutcome outcome = steps.execute(step, context);

        assertThat(outcome).isInstanceOf(Succeeded.class);
        assertThat(server.next().path()).isEqualTo("/users/42/tokens/t-123");
    }

    @Test
    void givenAContentTypeInTheStep_post_keepsIt() throws Exception {
        WebhookStep step = new WebhookStep("notify", server.url("/x"), "PUT",
                Map.of("content-type", "application/vnd.api+json"), Map.of("a", 1));

        steps.execute(step, context);

        RecordingServer.Received request = server.next();
        assertThat(request.headers().get("Content-Type")).containsExactly("application/vnd.api+json");
        assertThat(request.bodyText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void get_withoutBody_sendsNoBody() throws Exception {
        steps.execute(new WebhookStep("fetch", server.url("/users/42"), "GET", Map.of(), null), context);

        RecordingServer.Received request = server.next();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.body()).isEmpty();
        assertThat(request.header("Content-Type")).isNull();
        assertThat(request.header("Content-Length")).isIn(null, "0");
    }

    @Test
    void jsonAnswer_isParsedIntoTheOutput() {
        server.answer(200, "application/json; charset=utf-8", "{\"token\":\"abc\",\"count\":3,\"items\":[1,2]}");

        StepOutcome outcome = steps.execute(post("/x"), context);

        assertThat(outcome).isEqualTo(new Succeeded(Map.of(
                "status_code", 200,
                "headers", Map.of("content-type", "application/json; charset=utf-8"),
                "body", Map.of("token", "abc", "count", 3, "items", List.of(1, 2)))));
    }

    @Test
    void jsonAnswerNestedDeeperThanTheLimit_isKeptAsText_soTheStoredRunStaysWritable() {
        String deep = "[".repeat(WebhookStepExecutor.MAX_NESTING_DEPTH + 1) + "]".repeat(WebhookStepExecutor.MAX_NESTING_DEPTH + 1);
        server.answer(200, "application/json", deep);

        StepOutcome outcome = steps.execute(post("/x"), context);

        assertThat(((Succeeded) outcome).output()).isInstanceOfSatisfying(Map.class,
                output -> assertThat(output.get("body")).isEqualTo(deep));
    }

    @Test
    void jsonAnswerCarryingANulCharacter_isKeptAsItsText_whichPostgresCanStore() {
        String withNul = "{\"name\":\"a\\u0000b\"}";
        server.answer(200, "application/json", withNul);

        StepOutcome outcome = steps.execute(post("/x"), context);

        assertThat(((Succeeded) outcome).output()).isInstanceOfSatisfying(Map.class,
                output -> assertThat(output.get("body")).isEqualTo(withNul));
    }

    @Test
    void textAnswerWithARawNulCharacter_hasItReplaced() {
        server.answer(200, "text/plain", "a\0b");

        StepOutcome outcome = steps.execute(post("/x"), context);

        assertThat(((Succeeded) outcome).output()).isInstanceOfSatisfying(Map.class,
                output -> assertThat(output.get("body")).isEqualTo("a\uFFFDb"));
    }

    @Test
    void textAnswer_isKeptAsText() {
        server.answer(201, "text/plain", "created");

        StepOutcome outcome = steps.execute(post("/x"), context);

        assertThat(output(outcome)).containsEntry("status_code", 201).containsEntry("body", "created");
    }

    @Test
    void answerOverTheLimit_isTruncatedTo64KiB() {
        server.answer(200, "application/json", "\"" + "x".repeat(100 * 1024) + "\"");

        StepOutcome outcome = steps.execute(post("/x"), context);

        assertThat(output(outcome).get("body")).asString().hasSize(64 * 1024).startsWith("\"xxx");
        assertThat(output(outcome)).containsEntry("body_truncated", true);
    }

    @Test
    void answerOverAConfiguredLimit_isCutThere_andTheStepStillSucceeds() {
        server.answer(200, "application/json", "{\"a\": \"" + "x".repeat(5000) + "\"}");

        try (StepExecutors small = new StepExecutors(new WebhookSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 1000, LOOPBACK_RECEIVERS))) {
            StepOutcome outcome = small.execute(post("/x"), context);

            assertThat(outcome).isInstanceOf(StepOutcome.Succeeded.class);
            assertThat(output(outcome).get("body")).asString().hasSize(1000).startsWith("{\"a\": \"xxx");
            assertThat(output(outcome)).containsEntry("body_truncated", true);
        }
    }

    @Test
    void serverError_failsWithTheAnswerStillInTheOutput() {
        server.answer(500, "application/json", "{\"error\":\"boom\"}");

        StepOutcome outcome = steps.execute(post("/x"), context);

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).error()).isEqualTo("webhook POST " + server.url("/x") + " answered 500");
        assertThat(output(outcome)).containsEntry("status_code", 500).containsEntry("body", Map.of("error", "boom"));
        assertThat(((Failed) outcome).failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(((Failed) outcome).retryAfter()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"429, TOO_MANY_REQUESTS", "408, TIMEOUT", "404, CLIENT_ERROR", "400, CLIENT_ERROR", "503, SERVER_ERROR"})
    void answersThatAreNot2xx_sayWhatKindOfFailureTheyAre_forARetryPolicy(int status, Failure kind) {
        server.answer(status, "text/plain", "no");

        assertThat(((Failed) steps.execute(post("/x"), context)).failure()).isEqualTo(kind);
    }

    @Test
    void theReceiversRetryAfter_inSecondsOrAsADate_isPassedOn() {
        server.answer(429, "text/plain", "slow down");
        server.answerRetryAfter("7");
        assertThat(((Failed) steps.execute(post("/x"), context)).retryAfter()).isEqualTo(Duration.ofSeconds(7));

        server.answerRetryAfter(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30)));
        assertThat(((Failed) steps.execute(post("/x"), context)).retryAfter()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));

        server.answerRetryAfter("soon");
        assertThat(((Failed) steps.execute(post("/x"), context)).retryAfter()).as("unreadable: ignored").isNull();
    }

    @Test
    void refusedPort_failsNamingTheConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/x";

        StepOutcome outcome = steps.execute(new WebhookStep("notify", url, "POST", Map.of(), Map.of()), context);

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).error()).isEqualTo("webhook POST " + url + " failed: connection refused");
        assertThat(((Failed) outcome).failure()).isEqualTo(Failure.CONNECT);
    }

    @Test
    void silentServer_failsWhenTheRequestTimesOut() {
        server.answerNothing();
        long started = System.nanoTime();

        StepOutcome outcome;
        try (StepExecutors impatient = new StepExecutors(new WebhookSettings(Duration.ofSeconds(1), Duration.ofMillis(200), 64 * 1024, LOOPBACK_RECEIVERS))) {
            outcome = impatient.execute(post("/x"), context);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(outcome).isEqualTo(new Failed("webhook POST " + server.url("/x") + " failed: timed out after 200 ms", null,
                Failure.TIMEOUT, null));
    }

    @Test
    void aStepsOwnTimeout_boundsTheCall_belowTheDefault() {
        server.answerNothing();
        WebhookStep step = new WebhookStep("notify", server.url("/x"), "POST", Map.of(), null, null, Duration.ofMillis(300));
        long started = System.nanoTime();

        StepOutcome outcome;
        try (StepExecutors patient = new StepExecutors(new WebhookSettings(Duration.ofSeconds(1), Duration.ofSeconds(30), 64 * 1024, LOOPBACK_RECEIVERS))) {
            outcome = patient.execute(step, context);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(outcome).isEqualTo(new Failed("webhook POST " + server.url("/x") + " failed: timed out after 300 ms", null,
                Failure.TIMEOUT, null));
    }

    @Test
    void unknownPlaceholder_failsNamingItAndSendsNothing() {
        WebhookStep step = new WebhookStep("notify", server.url("/x"), "POST", Map.of(),
                Map.of("id", "${payload.account_id}"));

        StepOutcome outcome = steps.execute(step, context);

        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(((Failed) outcome).error()).contains("${payload.account_id}");
        assertThat(server.receivedNothing()).isTrue();
    }

    @Test
    void interruptWhileWaitingForTheAnswer_failsAndKeepsTheThreadInterrupted() throws InterruptedException {
        server.answerNothing();
        AtomicReference<StepOutcome> outcome = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread worker = Thread.ofVirtual().start(() -> {
            outcome.set(steps.execute(post("/x"), context));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        server.next();

        worker.interrupt();
        worker.join(Duration.ofSeconds(1));

        assertThat(outcome.get()).isEqualTo(new Failed("interrupted", null));
        assertThat(stillInterrupted).isTrue();
    }

    private WebhookStep post(String path) {
        return new WebhookStep("notify", server.url(path), "POST", Map.of(), Map.of("user_id", "${payload.user_id}"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> output(StepOutcome outcome) {
        Object output = switch (outcome) {
            case Succeeded succeeded -> succeeded.output();
            case Failed failed -> failed.output();
        };
        return (Map<String, Object>) output;
    }
}
