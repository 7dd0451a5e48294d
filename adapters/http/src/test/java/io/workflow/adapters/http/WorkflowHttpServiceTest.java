package io.workflow.adapters.http;

import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.workflow.adapters.http.ProblemAssertions.assertInvalidBody;
import static io.workflow.adapters.http.ProblemAssertions.assertMalformedJson;
import static io.workflow.adapters.http.ProblemAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

class WorkflowHttpServiceTest {
    private static final String VALID = """
            {"id": "onboarding", "name": "Onboarding", "description": "welcome a user",
             "steps": [{"name": "wait", "type": "delay", "config": {"duration": 2}},
                       {"name": "notify", "type": "webhook",
                        "config": {"url": "https://example.org/hook", "method": "post",
                                   "headers": {"X-Token": "t"}, "body": {"user": "${payload.user_id}"}}}]}
            """;

    @RegisterExtension
    static final ApiServer api = ApiServer.start();

    @Test
    void givenValidWorkflow_create_returns200WithIdAndLocation() {
        ApiServer.Reply reply = api.postJson("/api/v1/workflows", VALID);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        Map<String, Object> body = reply.json();
        assertThat(body).containsOnlyKeys("message", "workflow_id")
                .containsEntry("message", "Workflow created successfully");
        UUID uuid = UUID.fromString((String) body.get("workflow_id"));
        assertThat(reply.header("Location")).isEqualTo("/api/v1/workflows/" + uuid);
        Workflow stored = api.useCases.workflows.get(uuid);
        assertThat(stored.name()).isEqualTo("Onboarding");
        assertThat(stored.steps()).hasSize(2);
        assertThat(((DelayStep) stored.steps().getFirst()).duration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void givenTrailingSlash_create_returns200() {
        ApiServer.Reply reply = api.postJson("/api/v1/workflows/", VALID);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.useCases.workflows).hasSize(1);
    }

    @Test
    void givenBodyWithoutContentType_create_readsItAsJson() {
        ApiServer.Reply reply = api.send("POST", "/api/v1/workflows",
                java.net.http.HttpRequest.BodyPublishers.ofString(VALID), null);

        assertThat(reply.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "APPLICATION/JSON", "application/vnd.workflow+json"})
    void givenJsonContentTypeVariant_create_returns200(String contentType) {
        ApiServer.Reply reply = api.send("POST", "/api/v1/workflows",
                java.net.http.HttpRequest.BodyPublishers.ofString(VALID), contentType);

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void givenCreatedWorkflow_get_returnsItsDocument() {
        String uuid = (String) api.postJson("/api/v1/workflows", VALID).json().get("workflow_id");

        ApiServer.Reply reply = api.get("/api/v1/workflows/" + uuid);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        Map<String, Object> body = reply.json();
        assertThat(body).containsKeys("uuid", "id", "name", "description", "steps")
                .containsEntry("uuid", uuid)
                .containsEntry("id", "onboarding")
                .containsEntry("name", "Onboarding")
                .containsEntry("description", "welcome a user");
        assertThat(body.get("steps")).isEqualTo(List.of(
                Map.of("name", "wait", "type", "delay", "config", Map.of("duration", 2)),
                Map.of("name", "notify", "type", "webhook", "config", Map.of(
                        "url", "https://example.org/hook", "method", "POST",
                        "headers", Map.of("X-Token", "t"), "body", Map.of("user", "${payload.user_id}")))));
    }

    @Test
    void givenTrailingSlash_get_returnsTheWorkflow() {
        String uuid = (String) api.postJson("/api/v1/workflows", VALID).json().get("workflow_id");

        assertThat(api.get("/api/v1/workflows/" + uuid + "/").json()).containsEntry("uuid", uuid);
    }

    @Test
    void givenUnknownWorkflow_get_returns404() {
        UUID unknown = UUID.randomUUID();

        assertNotFound(api.get("/api/v1/workflows/" + unknown), "workflow " + unknown + " not found");
    }

    @Test
    void givenIdThatIsNoUuid_get_returns404() {
        assertNotFound(api.get("/api/v1/workflows/not-a-uuid"), "'not-a-uuid' is not a valid workflow id");
    }

    @Test
    void givenMalformedJson_create_returns400NamingThePosition() {
        ApiServer.Reply reply = api.postJson("/api/v1/workflows", "{\"name\": \"x\",}");

        assertMalformedJson(reply, "malformed JSON at line 1 column 14");
        assertThat(api.useCases.workflows).isEmpty();
    }

    @Test
    void givenContentAfterTheJsonValue_create_returns400() {
        ApiServer.Reply reply = api.postJson("/api/v1/workflows", VALID + " {}");

        assertMalformedJson(reply, "unexpected content after the JSON value");
        assertThat(api.useCases.workflows).isEmpty();
    }

    @Test
    void givenDuplicateField_create_returns400() {
        ApiServer.Reply reply = api.postJson("/api/v1/workflows", "{\"name\": \"a\", \"name\": \"b\", \"steps\": []}");

        assertMalformedJson(reply, "Duplicate field 'name'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n"})
    void givenEmptyBody_create_returns400(String body) {
        assertMalformedJson(api.postJson("/api/v1/workflows", body), "the request body is empty");
        assertThat(api.useCases.workflows).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"workflow\"", "42", "null"})
    void givenBodyThatIsNoObject_create_returns422(String body) {
        assertInvalidBody(api.postJson("/api/v1/workflows", body), null, "the body must be a JSON object");
        assertThat(api.useCases.workflows).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing name           | {"steps": []}                                                                          | name                      | name is required
            name a number          | {"name": 42, "steps": []}                                                              | name                      | name must be a string
            blank name             | {"name": "  ", "steps": []}                                                            | name                      | name is required
            missing steps          | {"name": "w"}                                                                          | steps                     | steps is required
            steps not an array     | {"name": "w", "steps": {}}                                                             | steps                     | steps must be an array
            step not an object     | {"name": "w", "steps": [1]}                                                            | steps[0]                  | steps[0] must be a JSON object
            unknown step type      | {"name": "w", "steps": [{"name": "s", "type": "email", "config": {}}]}                 | steps[0].type             | unknown step type 'email'
            step without config    | {"name": "w", "steps": [{"name": "s", "type": "delay"}]}                               | steps[0].config           | steps[0].config is required
            delay duration 0       | {"name": "w", "steps": [{"name": "s", "type": "delay", "config": {"duration": 0}}]}      | steps[0].config.duration  | must be a positive number of seconds
            delay duration -1      | {"name": "w", "steps": [{"name": "s", "type": "delay", "config": {"duration": -1}}]}     | steps[0].config.duration  | must be a positive number of seconds
            delay duration 999999  | {"name": "w", "steps": [{"name": "s", "type": "delay", "config": {"duration": 999999}}]} | steps[0].config.duration  | must be at most 3600 seconds
            delay duration "abc"   | {"name": "w", "steps": [{"name": "s", "type": "delay", "config": {"duration": "abc"}}]}  | steps[0].config.duration  | must be a number
            delay duration 1e400   | {"name": "w", "steps": [{"name": "s", "type": "delay", "config": {"duration": 1e400}}]}  | steps[0].config.duration  | must be a number
            webhook without url    | {"name": "w", "steps": [{"name": "s", "type": "webhook", "config": {"method": "GET"}}]}  | steps[0].config.url       | steps[0].config.url is required
            webhook without method | {"name": "w", "steps": [{"name": "s", "type": "webhook", "config": {"url": "http://x"}}]} | steps[0].config.method  | steps[0].config.method is required
            webhook ftp url        | {"name": "w", "steps": [{"name": "s", "type": "webhook", "config": {"url": "ftp://x", "method": "GET"}}]} | steps[0].config.url | must be an absolute http or https URL
            webhook bad method     | {"name": "w", "steps": [{"name": "s", "type": "webhook", "config": {"url": "http://x", "method": "BREW"}}]} | steps[0].config.method | must be one of
            duplicate step names   | {"name": "w", "steps": [{"name": "s", "type": "delay", "config": {"duration": 1}}, {"name": "s", "type": "delay", "config": {"duration": 1}}]} | steps[1].name | duplicates an earlier step's name
            """)
    void givenInvalidWorkflow_create_returns422NamingTheField(String caseName, String body, String field, String detail) {
        ApiServer.Reply reply = api.postJson("/api/v1/workflows", body);

        assertInvalidBody(reply, field, detail);
        assertThat(api.useCases.workflows).as("nothing stored for: " + caseName).isEmpty();
    }

    @Test
    void givenStoreFailure_create_returns500WithoutInternals() {
        api.useCases.createFailure = new StubUseCases.Outage("connection to db-7 refused");

        ApiServer.Reply reply = api.postJson("/api/v1/workflows", VALID);

        Map<String, Object> problem = ProblemAssertions.assertProblem(reply, 500, "about:blank", null,
                "the server failed to handle the request");
        assertThat(reply.body()).doesNotContain("db-7").doesNotContain("Outage");
        assertThat(problem).containsEntry("title", "Internal Server Error");
    }

    @Test
    void givenDefinitionOverTheLimit_create_returns413WithTheLimit() {
        String description = "d".repeat(ApiServer.LIMITS.workflowBytes());
        ApiServer.Reply reply = api.postJson("/api/v1/workflows", "{\"name\": \"big\", \"description\": \"" + description
                + "\", \"steps\": []}");

        ProblemAssertions.assertProblem(reply, 413, Problem.TOO_LARGE, null,
                "the limit is " + ApiServer.LIMITS.workflowBytes() + " bytes");
    }

    @Test
    void givenDefinitionWithinTheLimit_create_accepts() {
        String description = "d".repeat(ApiServer.LIMITS.workflowBytes() - 100);
        ApiServer.Reply reply = api.postJson("/api/v1/workflows", "{\"name\": \"big\", \"description\": \"" + description
                + "\", \"steps\": []}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}
