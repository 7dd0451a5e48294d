package io.workflow.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.helidon.http.Status;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.auth.ForbiddenException;
import io.workflow.domain.deadletter.RedriveRefusedException;

/**
 * An RFC 9457 problem, the body of every error response ({@code application/problem+json}).
 * {@code detail} says in plain words what is wrong; {@code field} names the offending field or
 * query parameter, when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String field) {
    static final String MEDIA_TYPE = "application/problem+json";
    static final String INVALID_BODY = "urn:workflow:problem:invalid-body";
    static final String INVALID_QUERY = "urn:workflow:problem:invalid-query";
    static final String MALFORMED_JSON = "urn:workflow:problem:malformed-json";
    static final String TOO_LARGE = "urn:workflow:problem:too-large";
    static final String INVALID_HEADER = "urn:workflow:problem:invalid-header";
    static final String KEY_IN_USE = "urn:workflow:problem:idempotency-key-in-use";
    static final String KEY_REUSED = "urn:workflow:problem:idempotency-key-reused";
    static final String UNAUTHENTICATED = "urn:workflow:problem:unauthenticated";
    static final String FORBIDDEN = "urn:workflow:problem:forbidden";
    static final String RATE_LIMITED = "urn:workflow:problem:rate-limited";
    static final String REDRIVE_REFUSED = "urn:workflow:problem:redrive-refused";

    /** A problem fully described by its HTTP status ({@code type} {@code about:blank}). */
    static Problem of(Status status, String detail) {
        return new Problem("about:blank", status.reasonPhrase(), status.code(), detail, null);
    }

    /** A request body that is JSON but breaks a rule: 422. */
    static Problem invalidBody(InvalidInputException e) {
        return new Problem(INVALID_BODY, "Invalid request body", Status.UNPROCESSABLE_CONTENT_422.code(),
                e.getMessage(), e.field());
    }

    /** A query parameter that breaks a rule: 400, because the request target itself is wrong. */
    static Problem invalidQuery(InvalidInputException e) {
        return new Problem(INVALID_QUERY, "Invalid query parameter", Status.BAD_REQUEST_400.code(),
                e.getMessage(), e.field());
    }

    /**
     * A part of the body larger than its limit: 413, naming the part ({@code field}, null for the
     * whole definition) and the limit in {@code detail}.
     */
    static Problem tooLarge(String field, String what, long bytes, long limit) {
        return new Problem(TOO_LARGE, "Content too large", Status.REQUEST_ENTITY_TOO_LARGE_413.code(),
                what + " is " + bytes + " bytes as JSON; the limit is " + limit + " bytes", field);
    }

    /** A request header that breaks a rule: 400, naming the header in {@code field}. */
    static Problem invalidHeader(String header, String reason) {
        return new Problem(INVALID_HEADER, "Invalid request header", Status.BAD_REQUEST_400.code(), header + " " + reason, header);
    }

    /** A repeat of a request whose first sending with the same idempotency key is still being worked on: 409. */
    static Problem keyInUse(String detail) {
        return new Problem(KEY_IN_USE, "Request in progress", Status.CONFLICT_409.code(), detail, "Idempotency-Key");
    }

    /** An idempotency key sent again with a different request: 422. */
    static Problem keyReused(String detail) {
        return new Problem(KEY_REUSED, "Idempotency key reused", Status.UNPROCESSABLE_CONTENT_422.code(), detail,
                "Idempotency-Key");
    }

    /** A request without a live API key: 401. The handler adds {@code WWW-Authenticate}. */
    static Problem unauthenticated(String detail) {
        return new Problem(UNAUTHENTICATED, "Unauthenticated", Status.UNAUTHORIZED_401.code(), detail, null);
    }

    /** A key without the scope its request needs: 403, naming the scope. */
    static Problem forbidden(ForbiddenException e) {
        return new Problem(FORBIDDEN, "Forbidden", Status.FORBIDDEN_403.code(), e.getMessage(), null);
    }

    /** A key over its rate limit: 429. The handler adds {@code Retry-After}. */
    static Problem tooManyRequests(KeyRateLimit limit) {
        return new Problem(RATE_LIMITED, "Too many requests", Status.TOO_MANY_REQUESTS_429.code(),
                "this API key sent more than " + limit.perSecond() + " requests a second (bursts of up to "
                        + limit.burst() + "); wait as long as Retry-After says", null);
    }

    /**
     * A dead letter that cannot be sent through again, left as it was: 422 when its event is still
     * unreadable, 409 when its run still cannot be loaded or it was redriven already.
     */
    static Problem redriveRefused(RedriveRefusedException e) {
        Status status = e.why() == RedriveRefusedException.Why.UNREADABLE ? Status.UNPROCESSABLE_CONTENT_422 : Status.CONFLICT_409;
        return new Problem(REDRIVE_REFUSED, "Redrive refused", status.code(), e.getMessage(), null);
    }

    /** A request body that is not JSON at all: 400. */
    static Problem malformedJson(String detail) {
        return new Problem(MALFORMED_JSON, "Malformed JSON", Status.BAD_REQUEST_400.code(), detail, null);
    }
}
