package io.workflow.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.workflow.application.CreateApiKey;
import io.workflow.domain.auth.Scope;

import java.util.List;
import java.util.Map;

import static io.workflow.adapters.http.ProblemResponses.methodNotAllowed;

/** {@code POST /keys}, {@code GET /keys} and {@code DELETE /keys/{id}}, under {@code /api/v1}: only for {@code admin} keys. */
final class ApiKeyHttpService implements HttpService {
    private static final String KEYS = "/keys[/]";
    private static final String KEY = "/keys/{id}[/]";
    /** A key request is a few hundred bytes; this is far more, and far less than a workflow may be. */
    private static final int MAX_REQUEST_BYTES = 16_384;

    private final HttpApi.KeyUseCases keys;

    ApiKeyHttpService(HttpApi.KeyUseCases keys) {
        this.keys = keys;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(KEYS, this::create)
                .get(KEYS, this::list)
                .any(KEYS, methodNotAllowed(Method.GET, Method.POST))
                .delete(KEY, this::revoke)
                .any(KEY, methodNotAllowed(Method.DELETE));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Callers.require(req, Scope.ADMIN);
        Object body = Json.readBody(req);
        Json.requireAtMost(body, MAX_REQUEST_BYTES, null, "the key request");
        CreateApiKey.Issued issued = keys.create().create(ApiKeyJson.command(body));
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, HttpApi.PREFIX + "/keys/" + issued.key().id());
        // The key is shown once: no cache, proxy or browser may keep this answer.
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, ApiKeyJson.issued(issued));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Callers.require(req, Scope.ADMIN);
        List<Map<String, Object>> items = keys.list().list().stream().map(ApiKeyJson::tree).toList();
        Json.send(res, new KeyList(items));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        Callers.require(req, Scope.ADMIN);
        Json.send(res, ApiKeyJson.tree(keys.revoke().revoke(PathIds.uuid(req, "id", "API key"))));
    }

    private record KeyList(List<Map<String, Object>> items) {
    }
}
