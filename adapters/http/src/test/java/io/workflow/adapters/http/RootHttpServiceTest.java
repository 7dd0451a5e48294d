package io.workflow.adapters.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class RootHttpServiceTest {
    // Authentication off, but the key routes served (their use cases never reached here), so every documented route exists.
    @RegisterExtension
    static final ApiServer api = ApiServer.start(new HttpApi.Access(false, HttpApi.Access.off().authenticate(),
            new HttpApi.KeyUseCases(
                    command -> {
                        throw new UnsupportedOperationException();
                    }, List::of, id -> {
                        throw new UnsupportedOperationException();
                    }), KeyRateLimit.off()));

    @Test
    void root_returnsTheServiceName() {
        ApiServer.Reply reply = api.get("/");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        assertThat(reply.json()).isEqualTo(Map.of("message", "Workflow Automation API"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/"})
    void health_returnsOk(String path) {
        ApiServer.Reply reply = api.get(path);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        assertThat(reply.json()).isEqualTo(Map.of("status", "ok"));
    }

    @Test
    void openapi_returnsTheYamlDocument() {
        ApiServer.Reply reply = api.get("/openapi");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/yaml");
        assertThat(reply.body()).startsWith("openapi: 3.1.0");
    }

    /** The document describes exactly the routes the code serves, with the methods it serves. */
    @Test
    @SuppressWarnings("unchecked")
    void openapi_describesEveryRouteAndMethod() {
        Map<String, Object> document = new Yaml().load(api.get("/openapi").body());
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");

        Map<String, Set<String>> described = new TreeMap<>();
        paths.forEach((path, item) -> described.put(path, new TreeSet<>(item.keySet())));
        assertThat(described).isEqualTo(Map.ofEntries(
                Map.entry("/", Set.of("get")),
                Map.entry("/api/v1/runs/{run_id}/cancel", Set.of("post")),
                Map.entry("/api/v1/runs/{run_id}/retry", Set.of("post")),
                Map.entry("/health", Set.of("get")),
                Map.entry("/openapi", Set.of("get")),
                Map.entry("/api/v1/workflows", Set.of("get", "post")),
                Map.entry("/api/v1/workflows/{uuid}", Set.of("delete", "get", "put")),
                Map.entry("/api/v1/workflows/{uuid}/versions", Set.of("get")),
                Map.entry("/api/v1/workflows/{uuid}/versions/{version}", Set.of("get")),
                Map.entry("/api/v1/trigger", Set.of("post")),
                Map.entry("/api/v1/runs", Set.of("get")),
                Map.entry("/api/v1/runs/{run_id}", Set.of("get")),
                Map.entry("/api/v1/workflows/{uuid}/signing-secret", Set.of("post")),
                Map.entry("/api/v1/keys", Set.of("get", "post")),
                Map.entry("/api/v1/keys/{id}", Set.of("delete")),
                Map.entry("/api/v1/dead-letters", Set.of("get")),
                Map.entry("/api/v1/dead-letters/{id}", Set.of("delete")),
                Map.entry("/api/v1/dead-letters/{id}/redrive", Set.of("post"))));
        described.forEach((path, methods) -> {
            String concrete = path.replace("{uuid}", "0190a5b2-0000-7000-8000-000000000001")
                    .replace("{run_id}", "0190a5b2-0000-7000-8000-000000000001")
                    .replace("{id}", "0190a5b2-0000-7000-8000-000000000001")
                    .replace("{version}", "1");
            String allow = api.send("PATCH", concrete, java.net.http.HttpRequest.BodyPublishers.noBody(), null).header("Allow");
            assertThat(new TreeSet<>(List.of(allow.toLowerCase().split(", ")))).as("Allow of %s", path).isEqualTo(methods);
        });
    }
}
