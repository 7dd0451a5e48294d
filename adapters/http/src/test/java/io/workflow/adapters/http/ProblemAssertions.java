package io.workflow.adapters.http;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a reply is an RFC 9457 problem with the expected status, field and detail. */
final class ProblemAssertions {
    private ProblemAssertions() {
    }

    static Map<String, Object> assertProblem(ApiServer.Reply reply, int status, String type, String field, String detailPart) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        Map<String, Object> problem = reply.json();
        assertThat(problem).containsEntry("status", status).containsEntry("type", type);
        assertThat(problem.get("title")).asString().isNotBlank();
        assertThat(problem.get("detail")).asString().contains(detailPart);
        if (field == null) {
            assertThat(problem).doesNotContainKey("field");
        } else {
            assertThat(problem).containsEntry("field", field);
        }
        return problem;
    }

    static Map<String, Object> assertInvalidBody(ApiServer.Reply reply, String field, String detailPart) {
        return assertProblem(reply, 422, Problem.INVALID_BODY, field, detailPart);
    }

    static Map<String, Object> assertInvalidQuery(ApiServer.Reply reply, String field, String detailPart) {
        return assertProblem(reply, 400, Problem.INVALID_QUERY, field, detailPart);
    }

    static Map<String, Object> assertMalformedJson(ApiServer.Reply reply, String detailPart) {
        return assertProblem(reply, 400, Problem.MALFORMED_JSON, null, detailPart);
    }

    static Map<String, Object> assertNotFound(ApiServer.Reply reply, String detailPart) {
        return assertProblem(reply, 404, "about:blank", null, detailPart);
    }
}
