package io.workflow.adapters.http;

import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.workflow.adapters.http.ProblemAssertions.assertInvalidBody;
import static io.workflow.adapters.http.ProblemAssertions.assertNotFound;
import static io.workflow.adapters.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** PUT /workflows/{uuid}, its versions, and the declared payload_schema on the wire, over stubbed use cases. */
class WorkflowVersionsHttpTest {
    private static final String FIRST = """
            {"name": "first", "steps": [{"name": "wait", "type": "delay", "config": {"duration": 1}}]}""";
    private static final String SECOND = """
            {"name": "second", "steps": [{"name": "call", "type": "webhook",
              "config": {"url": "https://example.org/${payload.user_id}", "method": "POST"}}],
             "payload_schema": {"type": "object", "required": ["user_id"],
                                "properties": {"user_id": {"type": "integer", "minimum": 1}}}}""";

    @RegisterExtension
    static final ApiServer api = ApiServer.start();

    private static UUID created() {
        return UUID.fromString((String) api.postJson("/api/v1/workflows", FIRST).json().get("workflow_id"));
    }

    private static ApiServer.Reply put(String path, String body) {
        return api.send("PUT", path, BodyPublishers.ofString(body), "application/json");
    }

    @Test
    void put_answers200WithTheNextVersion_andGetShowsIt_withTheDeclaredSchema() {
        UUID uuid = created();

        ApiServer.Reply reply = put("/api/v1/workflows/" + uuid, SECOND);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("uuid", uuid.toString()).containsEntry("name", "second").containsEntry("version", 2)
                .containsEntry("declared_payload_schema", Map.of("type", "object", "required", List.of("user_id"),
                        "properties", Map.of("user_id", Map.of("type", "integer", "minimum", 1))));
        assertThat(reply.json().get("payload_schema")).asString().contains("user_id");
        Map<String, Object> read = api.get("/api/v1/workflows/" + uuid).json();
        assertThat(read).containsEntry("version", 2).containsKey("declared_payload_schema");
        assertThat(api.get("/api/v1/workflows/" + uuid + "/versions/1").json())
                .containsEntry("version", 1).containsEntry("name", "first").doesNotContainKey("declared_payload_schema");
    }

    @Test
    void versions_listsEveryVersionNewestFirst() {
        UUID uuid = created();
        put("/api/v1/workflows/" + uuid, SECOND);

        Map<String, Object> page = api.get("/api/v1/workflows/" + uuid + "/versions?limit=10").json();

        assertThat(page).containsEntry("limit", 10).containsEntry("next_cursor", null);
        List<Object> versions = ((List<?>) page.get("items")).stream().map(item -> (Object) ((Map<?, ?>) item).get("version")).toList();
        assertThat(versions).containsExactly(2, 1);
    }

    @Test
    void put_withAnInvalidDefinition_answers422_andReachesNothing() {
        UUID uuid = created();

        assertInvalidBody(put("/api/v1/workflows/" + uuid, """
                {"name": "x", "steps": [{"name": "a", "type": "teleport", "config": {}}]}"""), "steps[0].type", "unknown step type");
        assertInvalidBody(put("/api/v1/workflows/" + uuid, """
                {"name": "x", "steps": [], "payload_schema": {"type": "object", "patternProperties": {}}}"""),
                "payload_schema.patternProperties", "does not support");
        assertInvalidBody(put("/api/v1/workflows/" + uuid, """
                {"name": "x", "steps": [{"name": "a", "type": "webhook",
                  "config": {"url": "https://example.org/${later.id}", "method": "GET"}}]}"""), "steps[0].config.url", "later");

        assertThat(api.useCases.versions.get(uuid)).extracting(Workflow::version).containsExactly(1);
    }

    @Test
    void put_ofAnUnknownOrMalformedId_answers404_andOfAnArchivedOne409() {
        assertNotFound(put("/api/v1/workflows/" + UUID.randomUUID(), FIRST), "workflow");
        assertNotFound(put("/api/v1/workflows/not-a-uuid", FIRST), "not a valid workflow id");
        UUID uuid = created();
        api.useCases.workflows.computeIfPresent(uuid, (key, workflow) -> workflow.archive(java.time.Instant.now()));

        ApiServer.Reply reply = put("/api/v1/workflows/" + uuid, SECOND);

        assertThat(reply.status()).as(reply.body()).isEqualTo(409);
        assertThat(api.useCases.versions.get(uuid)).hasSize(1);
    }

    @Test
    void anUnknownOrMalformedVersion_answers404_andOtherMethods405() {
        UUID uuid = created();

        assertNotFound(api.get("/api/v1/workflows/" + uuid + "/versions/2"), "workflow version");
        assertNotFound(api.get("/api/v1/workflows/" + uuid + "/versions/two"), "not a version number");
        assertNotFound(api.get("/api/v1/workflows/" + UUID.randomUUID() + "/versions"), "workflow");
        assertThat(api.postJson("/api/v1/workflows/" + uuid + "/versions", FIRST).status()).isEqualTo(405);
        assertThat(api.send("PATCH", "/api/v1/workflows/" + uuid, BodyPublishers.ofString(FIRST), "application/json")
                .header("Allow")).contains("PUT");
    }

    @Test
    void aBadVersionsQuery_answers400() {
        UUID uuid = created();

        assertProblem(api.get("/api/v1/workflows/" + uuid + "/versions?limit=0"), 400, Problem.INVALID_QUERY, "limit", "");
    }

    @Test
    void aRun_showsTheWorkflowVersionItWasTriggeredWith() {
        UUID uuid = created();
        put("/api/v1/workflows/" + uuid, SECOND);

        String runId = (String) api.postJson("/api/v1/trigger",
                "{\"workflow_id\": \"" + uuid + "\", \"payload\": {\"user_id\": 3}}").json().get("run_id");

        assertThat(api.get("/api/v1/runs/" + runId).json()).containsEntry("workflow_version", 2);
    }
}
