package io.workflow.adapters.http;

import io.workflow.domain.auth.Tenants;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.workflow.adapters.http.ProblemAssertions.assertInvalidBody;
import static io.workflow.adapters.http.ProblemAssertions.assertInvalidQuery;
import static io.workflow.adapters.http.ProblemAssertions.assertMalformedJson;
import static io.workflow.adapters.http.ProblemAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

class RunHttpServiceTest {
    @RegisterExtension
    static final ApiServer api = ApiServer.start();
    private String workflowId;

    @BeforeEach
    void resetAndCreateWorkflow() {
        workflowId = (String) api.postJson("/api/v1/workflows",
                "{\"name\": \"w\", \"steps\": [{\"name\": \"wait\", \"type\": \"delay\", \"config\": {\"duration\": 1}}]}")
                .json().get("workflow_id");
    }

    @Test
    void givenKnownWorkflow_trigger_returns200AndDispatchesAPendingRun() {
        ApiServer.Reply reply = api.postJson("/api/v1/trigger",
                "{\"workflow_id\": \"" + workflowId + "\", \"payload\": {\"user_id\": 7}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        Map<String, Object> body = reply.json();
        assertThat(body).containsOnlyKeys("run_id", "status").containsEntry("status", "triggered");
        UUID runId = UUID.fromString((String) body.get("run_id"));
        assertThat(reply.header("Location")).isEqualTo("/api/v1/runs/" + runId);
        Run stored = api.useCases.runs.get(runId);
        assertThat(stored.status()).isEqualTo(RunStatus.PENDING);
        assertThat(stored.payload()).isEqualTo(Map.of("user_id", 7));
        assertThat(stored.workflowId()).hasToString(workflowId);
    }

    @Test
    void givenNoPayload_trigger_storesAnEmptyPayload() {
        ApiServer.Reply reply = api.postJson("/api/v1/trigger/", "{\"workflow_id\": \"" + workflowId + "\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.useCases.runs.values()).singleElement().extracting(Run::payload).isEqualTo(Map.of());
    }

    @Test
    void givenUnknownWorkflow_trigger_returns404() {
        UUID unknown = UUID.randomUUID();

        assertNotFound(api.postJson("/api/v1/trigger", "{\"workflow_id\": \"" + unknown + "\"}"),
                "workflow " + unknown + " not found");
        assertThat(api.useCases.runs).isEmpty();
        assertThat(api.useCases.runs.values()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no workflow_id            | {"payload": {}}                                     | workflow_id | workflow_id is required
            malformed workflow_id     | {"workflow_id": "not-a-uuid"}                       | workflow_id | workflow_id must be a UUID
            workflow_id a number      | {"workflow_id": 12}                                 | workflow_id | workflow_id must be a string
            payload an array          | {"workflow_id": "%s", "payload": [1, 2]}            | payload     | payload must be a JSON object
            payload a string          | {"workflow_id": "%s", "payload": "user=7"}          | payload     | payload must be a JSON object
            """)
    void givenInvalidTrigger_trigger_returns422NamingTheField(String caseName, String body, String field, String detail) {
        ApiServer.Reply reply = api.postJson("/api/v1/trigger", body.formatted(workflowId));

        assertInvalidBody(reply, field, detail);
        assertThat(api.useCases.runs).as("nothing stored for: " + caseName).isEmpty();
        assertThat(api.useCases.runs.values()).isEmpty();
    }

    @Test
    void givenMalformedJson_trigger_returns400() {
        assertMalformedJson(api.postJson("/api/v1/trigger", "{\"workflow_id\" \"x\"}"), "malformed JSON at line 1 column");
        assertThat(api.useCases.runs).isEmpty();
    }

    @Test
    void givenDispatcherDown_trigger_returns503WithRetryAfter() {
        api.useCases.triggerFailure = new DispatchException("broker unreachable", new StubUseCases.Outage("timeout"));

        ApiServer.Reply reply = api.postJson("/api/v1/trigger", "{\"workflow_id\": \"" + workflowId + "\"}");

        ProblemAssertions.assertProblem(reply, 503, "about:blank", null, "was not started; try again later");
        assertThat(reply.header("Retry-After")).isEqualTo("5");
        assertThat(reply.body()).doesNotContain("broker");
    }

    @Test
    void givenTriggeredRun_get_returnsTheRunDocument() {
        String runId = trigger();

        ApiServer.Reply reply = api.get("/api/v1/runs/" + runId);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        Map<String, Object> run = reply.json();
        assertThat(run).containsKeys("uuid", "workflow_id", "status", "payload", "started_at", "completed_at",
                        "error", "step_results")
                .containsEntry("uuid", runId)
                .containsEntry("workflow_id", workflowId)
                .containsEntry("status", "pending")
                .containsEntry("payload", Map.of("n", 1))
                .containsEntry("started_at", null)
                .containsEntry("completed_at", null)
                .containsEntry("error", null)
                .containsEntry("step_results", Map.of());
        assertThat(Instant.parse((String) run.get("created_at"))).isBeforeOrEqualTo(Instant.now());
        assertThat(api.get("/api/v1/runs/" + runId + "/").json()).containsEntry("uuid", runId);
    }

    @Test
    void cancel_answersTheCancelledRun_againTheSame_and409ForARunThatEndedOtherwise() {
        String runId = trigger();

        ApiServer.Reply reply = api.postJson("/api/v1/runs/" + runId + "/cancel", "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("uuid", runId).containsEntry("status", "cancelled")
                .containsEntry("error", "cancelled").containsEntry("attempt", 1);
        assertThat(api.postJson("/api/v1/runs/" + runId + "/cancel", "").json()).isEqualTo(reply.json());
        assertThat(api.get("/api/v1/runs/" + runId + "/cancel").status()).isEqualTo(405);

        UUID finished = UUID.fromString(trigger());
        api.useCases.runs.computeIfPresent(finished, (id, run) -> run.claim(Instant.now(), Instant.now().plusSeconds(10))
                .succeed(Instant.now()));
        ProblemAssertions.assertProblem(api.postJson("/api/v1/runs/" + finished + "/cancel", ""), 409, "about:blank", null,
                "a success run cannot become cancelled");
        assertNotFound(api.postJson("/api/v1/runs/" + UUID.randomUUID() + "/cancel", ""), "not found");
    }

    @Test
    void retry_answersThePendingRunWithItsNextAttempt_and409ForARunThatHasNotEnded() {
        String runId = trigger();
        ProblemAssertions.assertProblem(api.postJson("/api/v1/runs/" + runId + "/retry", ""), 409, "about:blank", null,
                "a pending run cannot become pending");
        api.postJson("/api/v1/runs/" + runId + "/cancel", "");

        ApiServer.Reply reply = api.postJson("/api/v1/runs/" + runId + "/retry", "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("status", "pending").containsEntry("attempt", 2).containsEntry("error", null);
        assertThat(api.useCases.runs.get(UUID.fromString(runId)).attempt()).isEqualTo(2);
    }

    @Test
    void givenUnknownRun_get_returns404() {
        UUID unknown = UUID.randomUUID();

        assertNotFound(api.get("/api/v1/runs/" + unknown), "run " + unknown + " not found");
    }

    @Test
    void givenRunIdThatIsNoUuid_get_returns404() {
        assertNotFound(api.get("/api/v1/runs/12345"), "'12345' is not a valid run id");
    }

    @Test
    void givenNoParameters_list_returnsNewestFirstWithDefaultLimit() {
        String older = trigger();
        String newer = trigger();

        ApiServer.Reply reply = api.get("/api/v1/runs");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        Map<String, Object> page = reply.json();
        assertThat(page).containsOnlyKeys("items", "next_cursor", "limit")
                .containsEntry("limit", 50)
                .containsEntry("next_cursor", null);
        assertThat(ids(page)).containsExactlyInAnyOrder(older, newer);
        assertThat(items(page).getFirst()).containsEntry("status", "pending").containsKey("step_results");
    }

    @Test
    void givenEmptyCursorAndTrailingSlash_list_returnsTheFirstPage() {
        trigger();

        Map<String, Object> page = api.get("/api/v1/runs/?limit=10&cursor=").json();

        assertThat(page).containsEntry("limit", 10).containsEntry("next_cursor", null);
        assertThat(items(page)).hasSize(1);
    }

    @Test
    void givenMoreRunsThanTheLimit_list_walksEveryRunExactlyOnceNewestFirst() {
        List<String> triggered = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            triggered.add(trigger());
        }
        List<String> newestFirst = api.useCases.runs.values().stream()
                .sorted(java.util.Comparator.comparing(Run::createdAt).thenComparing(Run::id).reversed())
                .map(run -> run.id().toString()).toList();

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = "";
        do {
            Map<String, Object> page = api.get("/api/v1/runs?limit=3&cursor=" + cursor).json();
            assertThat(page).containsEntry("limit", 3);
            seen.addAll(ids(page));
            pageSizes.add(items(page).size());
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactlyElementsOf(newestFirst).containsExactlyInAnyOrderElementsOf(triggered);
    }

    @Test
    void givenExactlyLimitRuns_list_returnsNullCursorOnTheOnlyPage() {
        trigger();
        trigger();

        Map<String, Object> page = api.get("/api/v1/runs?limit=2").json();

        assertThat(items(page)).hasSize(2);
        assertThat(page).containsEntry("next_cursor", null);
    }

    @Test
    void givenStatusAndWorkflowFilters_list_returnsOnlyMatchingRuns() {
        String run = trigger();
        String otherWorkflow = (String) api.postJson("/api/v1/workflows", "{\"name\": \"other\", \"steps\": []}")
                .json().get("workflow_id");
        api.postJson("/api/v1/trigger", "{\"workflow_id\": \"" + otherWorkflow + "\"}");

        assertThat(ids(api.get("/api/v1/runs?workflow_id=" + workflowId).json())).containsExactly(run);
        assertThat(ids(api.get("/api/v1/runs?status=pending&workflow_id=" + workflowId).json())).containsExactly(run);
        assertThat(ids(api.get("/api/v1/runs?status=success").json())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            limit=0                  | limit       | limit must be between 1 and 200
            limit=201                | limit       | limit must be between 1 and 200
            limit=abc                | limit       | limit must be an integer between 1 and 200
            limit=-5                 | limit       | limit must be between 1 and 200
            limit=99999999999        | limit       | limit must be an integer between 1 and 200
            cursor=garbage           | cursor      | cursor is not a cursor this server issued
            cursor=%25%25            | cursor      | cursor is not a cursor this server issued
            status=done              | status      | status must be one of pending, running, success, failed
            workflow_id=nope         | workflow_id | workflow_id must be a UUID
            limit=2.5                | limit       | limit must be an integer between 1 and 200
            cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | cursor | cursor is not a cursor this server issued
            status=succeeded         | status      | status must be one of pending, running, success, failed
            workflow_id=42           | workflow_id | workflow_id must be a UUID
            """)
    void givenInvalidQueryParameter_list_returns400NamingTheParameter(String query, String field, String detail) {
        assertInvalidQuery(api.get("/api/v1/runs?" + query), field, detail);
        assertThat(api.useCases.listQueries).as("the use case was not asked").isEmpty();
    }

    @Test
    void givenCursorIssuedWithAnotherSecret_list_returns400NamingCursor() {
        String foreign = new CursorCodec("another-secret").encode(new Cursor(Instant.now(), UUID.randomUUID()));

        assertInvalidQuery(api.get("/api/v1/runs?cursor=" + foreign), "cursor", "is not a cursor this server issued");
    }

    @Test
    void givenEveryParameter_list_asksTheUseCaseForExactlyThatQuery() {
        Cursor after = new Cursor(Instant.parse("2025-01-01T10:00:00.123456Z"), UUID.randomUUID());
        RunQuery expected = new RunQuery(new PageRequest(7, after, ApiServer.LIMITS.pageBytes()), RunStatus.RUNNING,
                UUID.fromString(workflowId));
        String token = new CursorCodec(ApiServer.CURSOR_SECRET).encode(after, Tenants.DEFAULT, RunQueries.scope(expected));

        api.get("/api/v1/runs?limit=%207%20&cursor=" + token + "&status=running&workflow_id=" + workflowId);

        assertThat(api.useCases.listQueries).containsExactly(expected);
    }

    @Test
    void givenBlankParameters_list_appliesTheDefaults() {
        Map<String, Object> page = api.get("/api/v1/runs?limit=%20&cursor=&status=&workflow_id=").json();

        assertThat(page).containsEntry("limit", 50);
        assertThat(api.useCases.listQueries).containsExactly(new RunQuery(new PageRequest(50, null, ApiServer.LIMITS.pageBytes()), null, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 200})
    void limitsOneAndTwoHundred_areAccepted(int limit) {
        assertThat(api.get("/api/v1/runs?limit=" + limit).json()).containsEntry("limit", limit);
    }

    @Test
    void givenCursorWithOneCharacterFlipped_list_returns400() {
        for (int i = 0; i < 3; i++) {
            trigger();
        }
        String cursor = (String) api.get("/api/v1/runs?limit=1").json().get("next_cursor");
        char[] chars = cursor.toCharArray();
        chars[5] = chars[5] == 'A' ? 'B' : 'A';
        String flipped = new String(chars);
        assertThat(Base64.getUrlDecoder().decode(flipped)).isNotEqualTo(Base64.getUrlDecoder().decode(cursor));

        assertInvalidQuery(api.get("/api/v1/runs?limit=1&cursor=" + flipped), "cursor", "is not a cursor this server issued");
    }

    private String trigger() {
        ApiServer.Reply reply = api.postJson("/api/v1/trigger", "{\"workflow_id\": \"" + workflowId + "\", \"payload\": {\"n\": 1}}");
        assertThat(reply.status()).isEqualTo(200);
        return (String) reply.json().get("run_id");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @Test
    void givenPayloadOfExactlyTheLimit_trigger_accepts() {
        ApiServer.Reply reply = trigger(payloadOfCompactSize(ApiServer.LIMITS.payloadBytes()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void givenPayloadOneByteOverTheLimit_trigger_returns413NamingPayloadAndTheLimit_andStoresNothing() {
        ApiServer.Reply reply = trigger(payloadOfCompactSize(ApiServer.LIMITS.payloadBytes() + 1));

        ProblemAssertions.assertProblem(reply, 413, Problem.TOO_LARGE, "payload",
                "payload is " + (ApiServer.LIMITS.payloadBytes() + 1) + " bytes as JSON; the limit is "
                        + ApiServer.LIMITS.payloadBytes() + " bytes");
        assertThat(api.useCases.runs.values()).isEmpty();
    }

    @Test
    void givenPayloadPaddedWithWhitespace_trigger_measuresItAsCompactJson() {
        String padded = payloadOfCompactSize(100).replace(":", " ".repeat(ApiServer.LIMITS.payloadBytes()) + ":");

        assertThat(trigger(padded).status()).isEqualTo(200);
        assertThat(api.useCases.runs.values()).extracting(Run::payload).hasSize(1);
    }

    @Test
    void list_asksForPagesWithinTheByteBudget() {
        api.get("/api/v1/runs?limit=200");

        assertThat(api.useCases.listQueries).singleElement()
                .satisfies(query -> assertThat(query.page().maxBytes()).isEqualTo(ApiServer.LIMITS.pageBytes()));
    }

    private ApiServer.Reply trigger(String payload) {
        return api.postJson("/api/v1/trigger", "{\"workflow_id\": \"" + workflowId + "\", \"payload\": " + payload + "}");
    }

    /** {@code {"s":"xx…"}} of exactly {@code bytes} bytes as compact JSON. */
    private static String payloadOfCompactSize(int bytes) {
        return "{\"s\":\"" + "x".repeat(bytes - "{\"s\":\"\"}".length()) + "\"}";
    }

    private static List<String> ids(Map<String, Object> page) {
        return items(page).stream().map(item -> (String) item.get("uuid")).toList();
    }
}
