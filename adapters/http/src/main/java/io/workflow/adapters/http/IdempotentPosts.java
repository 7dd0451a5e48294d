package io.workflow.adapters.http;

import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.Scope;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.workflow.application.RunIdempotently;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.Sha256;
import io.workflow.domain.idempotency.IdempotencyKey;
import io.workflow.domain.idempotency.RecordedResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * POST routes that honour an {@code Idempotency-Key} header (the IETF draft's, Stripe's practice):
 * with a key, the first request's answer is kept and a repeat with the same method, path and body
 * gets it again, marked {@code Idempotent-Replayed: true}, without the work being done twice.
 * Without the header a request is handled as before. The request's fingerprint is a SHA-256 of its
 * method, path and body as canonical JSON (keys sorted, no whitespace), so a repeat need not
 * reproduce the first body's bytes, only its content.
 */
final class IdempotentPosts {
    static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    static final HeaderName REPLAYED = HeaderNames.create("Idempotent-Replayed");
    private final RunIdempotently runIdempotently;

    IdempotentPosts(RunIdempotently runIdempotently) {
        this.runIdempotently = runIdempotently;
    }

    /**
     * A handler for callers holding {@code scope}: reads the JSON body, then answers what
     * {@code work} makes of it for the caller, at most once per key. Keys belong to the caller's
     * tenant: two tenants' requests never share one.
     */
    Handler handler(Scope scope, BiFunction<Caller, Object, RecordedResponse> work) {
        return (req, res) -> {
            Caller caller = Callers.require(req, scope);
            Object body = Json.readBody(req);
            Optional<IdempotencyKey> key = key(req, caller.tenant());
            if (key.isEmpty()) {
                send(res, work.apply(caller, body));
                return;
            }
            RunIdempotently.Answer answer = runIdempotently.run(
                    new RunIdempotently.Request(key.get(), fingerprint(req, body)), () -> work.apply(caller, body));
            if (answer.replayed()) {
                res.header(REPLAYED, "true");
            }
            send(res, answer.response());
        };
    }

    /** The answer of a JSON route as it is sent and kept: 200 unless said otherwise, JSON, with its headers. */
    static RecordedResponse json(Object value, String location) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HeaderNames.CONTENT_TYPE.defaultCase(), Json.MEDIA_TYPE);
        if (location != null) {
            headers.put(HeaderNames.LOCATION.defaultCase(), location);
        }
        return new RecordedResponse(Status.OK_200.code(), headers, new String(Json.bytes(value), StandardCharsets.UTF_8));
    }

    private static void send(ServerResponse res, RecordedResponse response) {
        res.status(Status.create(response.status()));
        response.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
        ProblemResponses.sendBody(res, response.body().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key of the request, if it has one. The draft sends it as a structured-field string
     * ({@code "abc"}); a bare token, as Stripe's clients send it, is taken as it is.
     */
    private static Optional<IdempotencyKey> key(ServerRequest req, String tenant) {
        if (!req.headers().contains(IDEMPOTENCY_KEY)) {
            return Optional.empty();
        }
        if (req.headers().all(IDEMPOTENCY_KEY, List::of).size() > 1) {
            throw new ProblemException(Problem.invalidHeader(IDEMPOTENCY_KEY.defaultCase(), "must be sent once"));
        }
        String value = req.headers().get(IDEMPOTENCY_KEY).get().trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Optional.of(new IdempotencyKey(tenant, value));
        } catch (InvalidInputException e) {
            throw new ProblemException(Problem.invalidHeader(IDEMPOTENCY_KEY.defaultCase(), e.reason()));
        }
    }

    private static String fingerprint(ServerRequest req, Object body) {
        String path = req.prologue().uriPath().path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        MessageDigest sha256 = Sha256.digest();
        sha256.update((req.prologue().method().text() + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
        sha256.update(Json.canonicalBytes(body));
        return HexFormat.of().formatHex(sha256.digest());
    }
}
