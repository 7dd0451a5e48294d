package io.workflow.adapters.http;

import io.workflow.domain.port.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.workflow.adapters.http.ProblemAssertions.assertNotFound;
import static io.workflow.adapters.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** What every route shares: unknown paths and methods, body size and media type. */
class HttpErrorsTest {
    private static final int ONE_MIB = 1024 * 1024;
    @RegisterExtension
    static final ApiServer api = ApiServer.start();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(textBlock = """
            POST, /api/v1/workflows
            GET,  /api/v1/workflows/0190a5b2-0000-7000-8000-000000000001
            POST, /api/v1/trigger
            GET,  /api/v1/runs/0190a5b2-0000-7000-8000-000000000001
            GET,  /api/v1/runs
            """)
    void givenStoreUnavailable_anyApiRequest_returns503WithRetryAfter_never500(String method, String path) {
        StoreUnavailableException outage = new StoreUnavailableException("find run: PostgreSQL is unavailable",
                new StubUseCases.Outage("Connection refused"));
        api.useCases.readFailure = outage;
        api.useCases.createFailure = outage;
        String body = "{\"name\": \"w\", \"steps\": [], \"workflow_id\": \"0190a5b2-0000-7000-8000-000000000001\"}";

        ApiServer.Reply reply = method.equals("POST") ? api.postJson(path, body) : api.get(path);

        assertProblem(reply, 503, "about:blank", null, "the database is unavailable for a moment");
        assertThat(reply.header("Retry-After")).isEqualTo("2");
        assertThat(reply.body()).doesNotContain("PostgreSQL", "Connection refused");
    }

    @Test
    void givenChunkSizeThatIsNoNumber_create_returns400() {
        String answer = api.raw("POST /api/v1/workflows HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("chunked transfer coding is malformed");
        assertThat(api.useCases.workflows).isEmpty();
    }

    @Test
    void givenTransferCodingTheServerDoesNotImplement_returns400NotA5xx() {
        String answer = api.raw("POST /api/v1/trigger HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", "2\r\n{}\r\n0\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("transfer coding this server does not implement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/api/v1", "/api/v1/", "/api/v1/nope", "/api/v1/workflows/a/b", "/api/v2/runs", "/healthz"})
    void givenUnknownPath_anyRequest_returns404Problem(String path) {
        assertNotFound(api.get(path), "there is no resource at " + path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(textBlock = """
            DELETE, /api/v1/workflows,                                        'GET, POST'
            PUT,    /api/v1/workflows/,                                       'GET, POST'
            PATCH,  /api/v1/workflows/0190a5b2-0000-7000-8000-000000000001,   'GET, PUT, DELETE'
            POST,   /api/v1/workflows/0190a5b2-0000-7000-8000-000000000001/versions,   GET
            DELETE, /api/v1/workflows/0190a5b2-0000-7000-8000-000000000001/versions/1, GET
            GET,    /api/v1/trigger,                                          POST
            POST,   /api/v1/runs,                                             GET
            DELETE, /api/v1/runs/0190a5b2-0000-7000-8000-000000000001/,       GET
            POST,   /health,                                                  GET
            PATCH,  /,                                                        GET
            HEAD,   /openapi,                                                 GET
            """)
    void givenKnownPathAndWrongMethod_request_returns405WithAllow(String method, String path, String allowed) {
        ApiServer.Reply reply = api.send(method, path, BodyPublishers.noBody(), null);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo(allowed);
        if (!method.equals("HEAD")) {
            assertProblem(reply, 405, "about:blank", null, "method " + method + " is not allowed on " + path
                    + "; allowed: " + allowed);
        }
        assertThat(api.useCases.workflows).isEmpty();
    }

    @Test
    void givenBodyOneByteOverOneMebibyte_create_returns413Problem() {
        byte[] body = jsonOfSize(ONE_MIB + 1);
        // The server answers from the Content-Length and closes; a client still sending the body may
        // then lose the answer to a reset. Waiting for "100 Continue" makes the exchange deterministic.
        HttpRequest request = HttpRequest.newBuilder(api.uri("/api/v1/workflows"))
                .header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(BodyPublishers.ofByteArray(body))
                .build();

        ApiServer.Reply reply = api.send(request);

        assertProblem(reply, 413, "about:blank", null, "larger than the limit of 1048576 bytes");
        assertThat(api.useCases.workflows).isEmpty();
    }

    @Test
    void givenChunkedBodyOverOneMebibyte_create_returns413Problem() {
        byte[] body = jsonOfSize(ONE_MIB + 1);
        HttpRequest request = HttpRequest.newBuilder(api.uri("/api/v1/workflows"))
                .header("Content-Type", "application/json")
                // An input stream has no known length, so the client sends it chunked.
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        ApiServer.Reply reply = api.send(request);

        assertProblem(reply, 413, "about:blank", null, "larger than the limit of 1048576 bytes");
        assertThat(api.useCases.workflows).isEmpty();
    }

    @Test
    void givenBodyOfExactlyOneMebibyte_create_isAccepted() {
        byte[] body = jsonOfSize(ONE_MIB);

        ApiServer.Reply reply = api.send("POST", "/api/v1/workflows", BodyPublishers.ofByteArray(body), "application/json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.useCases.workflows).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml", "json", "application/+json"})
    void givenNonJsonContentType_create_returns415(String contentType) {
        ApiServer.Reply reply = api.send("POST", "/api/v1/workflows",
                BodyPublishers.ofString("{\"name\": \"w\", \"steps\": []}"), contentType);

        assertProblem(reply, 415, "about:blank", null, "Content-Type '" + contentType + "' is not supported");
        assertThat(api.useCases.workflows).isEmpty();
    }

    @Test
    void givenNonJsonContentType_trigger_returns415() {
        ApiServer.Reply reply = api.send("POST", "/api/v1/trigger",
                BodyPublishers.ofString("workflow_id=x"), "application/x-www-form-urlencoded");

        assertProblem(reply, 415, "about:blank", null, "send the body as application/json");
        assertThat(api.useCases.runs).isEmpty();
    }

    @Test
    void givenJsonNestedBeyondTheParserLimit_create_returns400() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        ApiServer.Reply reply = api.postJson("/api/v1/workflows",
                "{\"name\": \"w\", \"steps\": [], \"description\": " + deep + "}");

        assertProblem(reply, 400, Problem.MALFORMED_JSON, null, "nesting depth");
    }

    @Test
    void givenJsonNestedOneLevelDeeperThanAllowed_create_returns400_andAtTheLimitIsAccepted() {
        String tooDeep = "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH);
        String atLimit = "[".repeat(Json.MAX_NESTING_DEPTH - 1) + "]".repeat(Json.MAX_NESTING_DEPTH - 1);

        assertProblem(api.postJson("/api/v1/workflows", "{\"name\": \"w\", \"steps\": [], \"description\": " + tooDeep + "}"),
                400, Problem.MALFORMED_JSON, null, "nesting depth");
        assertThat(api.useCases.workflows).isEmpty();
        // The description must be a string: the nesting itself was read.
        assertProblem(api.postJson("/api/v1/workflows", "{\"name\": \"w\", \"steps\": [], \"description\": " + atLimit + "}"),
                422, Problem.INVALID_BODY, "description", "must be a string");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            name            | {"name": "a\\u0000b", "steps": []}                                                                   | name
            description     | {"name": "w", "description": "\\u0000", "steps": []}                                                 | description
            webhook header  | {"name": "w", "steps": [{"name": "s", "type": "webhook", "config": {"url": "http://x", "method": "GET", "headers": {"X": "\\u0000"}}}]} | steps[0].config.headers.X
            """)
    void givenANulCharacter_create_returns422NamingTheField(String caseName, String body, String field) {
        assertProblem(api.postJson("/api/v1/workflows", body), 422, Problem.INVALID_BODY, field, "must not contain the NUL character");
        assertThat(api.useCases.workflows).as("nothing stored for: " + caseName).isEmpty();
    }

    @Test
    void givenANulCharacterDeepInThePayload_trigger_returns422NamingItsPath() {
        String workflowId = (String) api.postJson("/api/v1/workflows", "{\"name\": \"w\", \"steps\": []}").json().get("workflow_id");

        assertProblem(api.postJson("/api/v1/trigger", "{\"workflow_id\": \"" + workflowId
                        + "\", \"payload\": {\"user\": {\"tags\": [\"a\", \"b\\u0000\"]}}}"),
                422, Problem.INVALID_BODY, "payload.user.tags[1]", "must not contain the NUL character");
        assertProblem(api.postJson("/api/v1/trigger", "{\"workflow_id\": \"" + workflowId
                        + "\", \"payload\": {\"k\\u0000\": 1}}"),
                422, Problem.INVALID_BODY, "payload", "must not have a key containing the NUL character");
        assertThat(api.useCases.runs).isEmpty();
    }

    /** A valid workflow whose description pads the body to exactly {@code size} bytes. */
    /** A small definition padded with whitespace to {@code size} bytes: the body cap applies, the definition limit not. */
    private static byte[] jsonOfSize(int size) {
        String head = "{\"name\": \"big\", \"steps\": []";
        String tail = "}";
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(headBytes, 0, body, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, body, size - tailBytes.length, tailBytes.length);
        return body;
    }
}
