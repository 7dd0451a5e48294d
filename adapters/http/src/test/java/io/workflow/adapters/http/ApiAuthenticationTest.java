package io.workflow.adapters.http;

import io.workflow.application.CreateApiKey;
import io.workflow.domain.auth.ApiKey;
import io.workflow.domain.auth.Caller;
import io.workflow.domain.auth.Scope;
import io.workflow.domain.auth.UnauthenticatedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The API with AUTH=required: 401, 403 and 429 as problem documents, the key routes for admin keys. */
class ApiAuthenticationTest {
    private static final UUID READER_ID = UUID.randomUUID();
    private static final UUID ADMIN_ID = UUID.randomUUID();
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final ApiKey ISSUED = new ApiKey(UUID.randomUUID(), "acme", Set.of(Scope.RUNS_READ), "ci", "hash",
            CREATED, null);

    private ApiServer api;

    private ApiServer start(KeyRateLimit limit) {
        api = ApiServer.start(new HttpApi.Access(true, key -> switch (key) {
            case "reader" -> new Caller("acme", Set.of(Scope.RUNS_READ), READER_ID);
            case "admin" -> new Caller("default", Set.of(Scope.ADMIN), ADMIN_ID);
            default -> throw new UnauthenticatedException("the API key is missing, unknown or revoked");
        }, new HttpApi.KeyUseCases(command -> new CreateApiKey.Issued(ISSUED, "wfa_secret"), () -> List.of(ISSUED),
                id -> ISSUED), limit));
        return api;
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ApiServer.Reply send(String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return api.send(request.build());
    }

    @Test
    void noKey_isAnswered401WithABearerChallenge_asAProblem() {
        start(KeyRateLimit.off());

        ApiServer.Reply reply = send("GET", "/api/v1/runs", null, null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"workflow-automation\"");
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.json()).containsEntry("status", 401).containsEntry("type", "urn:workflow:problem:unauthenticated");
    }

    @Test
    void aWrongKeyOrAnotherScheme_isAnswered401_invalidToken() {
        start(KeyRateLimit.off());

        ApiServer.Reply wrong = send("GET", "/api/v1/runs", "nope", null);
        ApiServer.Reply basic = api.send(HttpRequest.newBuilder(api.uri("/api/v1/runs"))
                .header("Authorization", "Basic cmVhZGVyOg==").build());

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(wrong.json()).containsEntry("detail", "the API key is missing, unknown or revoked");
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void health_needsNoKey() {
        start(KeyRateLimit.off());

        assertThat(send("GET", "/health", null, null).status()).isEqualTo(200);
        assertThat(send("GET", "/", null, null).status()).isEqualTo(200);
    }

    @Test
    void aKeyWithTheScope_isServed_andWithoutIt403NamesTheScope() {
        start(KeyRateLimit.off());

        ApiServer.Reply list = send("GET", "/api/v1/runs", "reader", null);
        ApiServer.Reply trigger = send("POST", "/api/v1/trigger", "reader", "{\"workflow_id\":\"" + UUID.randomUUID() + "\"}");
        ApiServer.Reply create = send("POST", "/api/v1/workflows", "reader", "{\"name\":\"w\",\"steps\":[]}");
        ApiServer.Reply keys = send("GET", "/api/v1/keys", "reader", null);

        assertThat(list.status()).isEqualTo(200);
        assertThat(trigger.status()).isEqualTo(403);
        assertThat(trigger.json()).containsEntry("detail", "this API key lacks the scope 'runs:trigger'");
        assertThat(create.json()).containsEntry("status", 403).containsEntry("detail", "this API key lacks the scope 'workflows:write'");
        assertThat(keys.json()).containsEntry("detail", "this API key lacks the scope 'admin'");
    }

    @Test
    void anAdminKey_createsAKey_seenOnce_andListsKeysWithoutSecrets() {
        start(KeyRateLimit.off());

        ApiServer.Reply created = send("POST", "/api/v1/keys", "admin", "{\"tenant\":\"acme\",\"scopes\":[\"runs:read\"],\"name\":\"ci\"}");
        ApiServer.Reply listed = send("GET", "/api/v1/keys", "admin", null);
        ApiServer.Reply badScope = send("POST", "/api/v1/keys", "admin", "{\"tenant\":\"acme\",\"scopes\":[\"root\"]}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        assertThat(created.json()).containsEntry("id", ISSUED.id().toString()).containsEntry("key", "wfa_secret")
                .containsEntry("tenant", "acme").containsEntry("scopes", List.of("runs:read")).containsEntry("name", "ci")
                .containsEntry("created_at", CREATED.toString());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain("wfa_secret").doesNotContain("hash");
        assertThat(badScope.status()).isEqualTo(422);
        assertThat(badScope.json()).containsEntry("field", "scopes[0]");
        assertThat(send("DELETE", "/api/v1/keys/" + ISSUED.id(), "admin", null).json()).containsEntry("id", ISSUED.id().toString());
    }

    @Test
    void aKeyOverItsRate_isAnswered429WithRetryAfter() {
        start(new KeyRateLimit(0.5, 2));

        assertThat(send("GET", "/api/v1/runs", "reader", null).status()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/runs", "reader", null).status()).isEqualTo(200);
        ApiServer.Reply limited = send("GET", "/api/v1/runs", "reader", null);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
        assertThat(limited.json()).containsEntry("type", "urn:workflow:problem:rate-limited");
        assertThat(send("GET", "/api/v1/runs", "admin", null).status()).as("another key has its own bucket").isEqualTo(200);
    }
}
