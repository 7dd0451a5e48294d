package io.workflow.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The targets for a consumer of the API, checked from outside against a running service:
 * one subclass per mode (the embedded service, the stack through nginx), so both answer to one set
 * of checks.
 */
public abstract class ConsumerApiChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private URI base;

    /** Where the service under test listens, such as {@code http://127.0.0.1:8080}. */
    protected abstract String baseUrl();

    /** The API key every request carries; none (null) where keys are off. */
    protected String apiKey() {
        return null;
    }

    private URI base() {
        if (base == null) {
            String url = baseUrl();
            base = URI.create(url.endsWith("/") ? url : url + "/");
        }
        return base;
    }

    /** One answer: status, the body as text and parsed, and the headers that matter here. */
    public record Reply(int status, String text, Map<String, Object> body, String replayed) {
    }

    /**
     * 50 simultaneous triggers with one key and one body: one run; every answer a 200 with the same
     * body, or a 409 for a repeat that arrived while the first was being worked on.
     */
    @Test
    public void concurrentTriggersWithOneKey_startOneRun() throws Exception {
        String workflowId = createWorkflow("idempotent-" + UUID.randomUUID());
        String key = "trigger-" + UUID.randomUUID();
        String body = JSON.writeValueAsString(Map.of("workflow_id", workflowId, "payload", Map.of("user_id", 7)));
        int senders = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < senders; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return post("api/v1/trigger", body, key);
                }));
            }
            start.countDown();
            Set<String> okBodies = new HashSet<>();
            int ok = 0;
            for (Future<Reply> future : futures) {
                Reply reply = future.get();
                assertThat(reply.status()).as(reply.text()).isIn(200, 409);
                if (reply.status() == 200) {
                    ok++;
                    okBodies.add(reply.text());
                }
            }
            assertThat(ok).isGreaterThanOrEqualTo(1);
            assertThat(okBodies).hasSize(1);
        }
        Reply repeat = post("api/v1/trigger", body, key);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.replayed()).isEqualTo("true");
        Reply runs = get("api/v1/runs?limit=200&workflow_id=" + workflowId);
        assertThat((List<?>) runs.body().get("items")).hasSize(1);
        assertThat(((Map<?, ?>) ((List<?>) runs.body().get("items")).getFirst()).get("uuid"))
                .isEqualTo(repeat.body().get("run_id"));
    }

    /** The same key with another body: 422, and no second run. */
    @Test
    public void sameKeyWithAnotherBody_is422() throws Exception {
        String workflowId = createWorkflow("idempotent-" + UUID.randomUUID());
        String key = "trigger-" + UUID.randomUUID();
        Reply first = post("api/v1/trigger", JSON.writeValueAsString(Map.of("workflow_id", workflowId,
                "payload", Map.of("user_id", 7))), key);
        assertThat(first.status()).isEqualTo(200);

        Reply other = post("api/v1/trigger", JSON.writeValueAsString(Map.of("workflow_id", workflowId,
                "payload", Map.of("user_id", 8))), key);

        assertThat(other.status()).as(other.text()).isEqualTo(422);
        assertThat(other.body()).containsEntry("type", "urn:workflow:problem:idempotency-key-reused");
        assertThat((List<?>) get("api/v1/runs?workflow_id=" + workflowId).body().get("items")).hasSize(1);
    }

    /** A trigger whose payload lacks what the placeholders need: 422 listing every path, no run stored. */
    @Test
    @SuppressWarnings("unchecked")
    public void triggerLackingPayloadPaths_is422_listingThem_andStoresNoRun() throws Exception {
        Reply created = post("api/v1/workflows", JSON.writeValueAsString(Map.of("name", "contract-" + UUID.randomUUID(),
                "steps", List.of(Map.of("name", "notify", "type", "webhook", "config", Map.of(
                        "url", "http://127.0.0.2:9/users/${payload.user.id}", "method", "POST",
                        "body", Map.of("name", "${payload.name}", "plain", "x")))))), null);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String workflowId = (String) created.body().get("workflow_id");
        Map<?, ?> schema = (Map<?, ?>) get("api/v1/workflows/" + workflowId).body().get("payload_schema");
        assertThat((List<Object>) schema.get("required")).containsExactlyInAnyOrder("user", "name");

        Reply refused = post("api/v1/trigger", JSON.writeValueAsString(Map.of("workflow_id", workflowId,
                "payload", Map.of("user", Map.of()))), null);

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.body()).containsEntry("field", "payload");
        assertThat((String) refused.body().get("detail")).contains("payload.user.id is missing", "payload.name is missing");
        assertThat((List<?>) get("api/v1/runs?workflow_id=" + workflowId).body().get("items")).isEmpty();
    }

    /** A placeholder naming a later or unknown step: 422 at creation, naming it. */
    @Test
    public void referenceToALaterOrUnknownStep_is422AtCreation() throws Exception {
        for (String placeholder : List.of("${later.body.token}", "${nosuchstep.x}")) {
            Reply refused = post("api/v1/workflows", JSON.writeValueAsString(Map.of("name", "refs", "steps", List.of(
                    Map.of("name", "first", "type", "webhook", "config", Map.of("url", "http://127.0.0.2:9/a", "method", "POST",
                            "body", Map.of("token", placeholder))),
                    Map.of("name", "later", "type", "webhook", "config", Map.of("url", "http://127.0.0.2:9/b", "method", "GET"))))),
                    null);

            assertThat(refused.status()).as(refused.text()).isEqualTo(422);
            assertThat((String) refused.body().get("detail")).contains(placeholder);
            assertThat(refused.body()).containsEntry("field", "steps[0].config.body.token");
        }
    }

    /**
     * Workflows of one name, listed a page at a time, each once; one archived: it leaves the listing,
     * reads back with {@code archived_at}, and a trigger of it is 409 while its earlier run still reads.
     */
    @Test
    public void workflowsList_andArchive() throws Exception {
        String name = "listed-" + UUID.randomUUID();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createWorkflow(name));
        }
        String archived = created.get(2);
        Reply earlierRun = post("api/v1/trigger", JSON.writeValueAsString(Map.of("workflow_id", archived)), null);
        assertThat(earlierRun.status()).isEqualTo(200);

        Reply deleted = send(HttpRequest.newBuilder(base().resolve("api/v1/workflows/" + archived)).DELETE());

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.body().get("archived_at")).isNotNull();
        assertThat(get("api/v1/workflows/" + archived).body().get("archived_at")).isEqualTo(deleted.body().get("archived_at"));
        Reply refused = post("api/v1/trigger", JSON.writeValueAsString(Map.of("workflow_id", archived)), null);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(get("api/v1/runs/" + earlierRun.body().get("run_id")).status()).isEqualTo(200);

        List<String> listed = new ArrayList<>();
        String cursor = "";
        for (int pages = 0; cursor != null && pages < 10; pages++) {
            Reply page = get("api/v1/workflows?limit=2&name=" + name + "&cursor=" + cursor);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            ((List<?>) page.body().get("items")).forEach(item -> listed.add((String) ((Map<?, ?>) item).get("uuid")));
            cursor = (String) page.body().get("next_cursor");
        }
        List<String> expected = new ArrayList<>(created.reversed());
        expected.remove(archived);
        assertThat(listed).containsExactlyElementsOf(expected);
    }

    /**
     * PUT a workflow, then trigger: the run records version 2 and executes version 2's steps, while a
     * run triggered before the PUT (still in its delay when the PUT lands) reads as version 1 and
     * finishes with version 1's steps. A payload breaking the declared schema is 422 and starts nothing.
     */
    @Test
    public void putThenTrigger_executesVersion2_whileAVersion1RunStillReadsVersion1() throws Exception {
        String workflowId = (String) post("api/v1/workflows", JSON.writeValueAsString(Map.of("name", "versioned", "steps",
                List.of(Map.of("name", "v1-wait", "type", "delay", "config", Map.of("duration", 2))))), null).body().get("workflow_id");
        String first = (String) post("api/v1/trigger", JSON.writeValueAsString(Map.of("workflow_id", workflowId)), null)
                .body().get("run_id");

        Reply revised = send(HttpRequest.newBuilder(base().resolve("api/v1/workflows/" + workflowId))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", "versioned", "steps",
                        List.of(Map.of("name", "v2-wait", "type", "delay", "config", Map.of("duration", 0.1))),
                        "payload_schema", Map.of("type", "object", "required", List.of("user_id"),
                                "properties", Map.of("user_id", Map.of("type", "integer", "minimum", 1))))))));
        assertThat(revised.status()).as(revised.text()).isEqualTo(200);
        assertThat(revised.body()).containsEntry("version", 2);
        assertThat(get("api/v1/workflows/" + workflowId).body()).containsEntry("version", 2);
        Reply refused = post("api/v1/trigger", JSON.writeValueAsString(Map.of("workflow_id", workflowId,
                "payload", Map.of("user_id", 0))), null);
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.text()).contains("$.user_id: must be at least 1");
        String second = (String) post("api/v1/trigger", JSON.writeValueAsString(Map.of("workflow_id", workflowId,
                "payload", Map.of("user_id", 5))), null).body().get("run_id");

        Map<String, Object> newer = finished(second);
        Map<String, Object> older = finished(first);

        assertThat(newer).containsEntry("workflow_version", 2).containsEntry("status", "success");
        assertThat(newer.get("step_results")).isInstanceOfSatisfying(Map.class, results -> assertThat(results.keySet()).isEqualTo(Set.of("v2-wait")));
        assertThat(older).containsEntry("workflow_version", 1).containsEntry("status", "success");
        assertThat(older.get("step_results")).isInstanceOfSatisfying(Map.class, results -> assertThat(results.keySet()).isEqualTo(Set.of("v1-wait")));
        assertThat(get("api/v1/workflows/" + workflowId + "/versions/1").body()).containsEntry("version", 1);
        List<?> versions = (List<?>) get("api/v1/workflows/" + workflowId + "/versions").body().get("items");
        assertThat(versions.stream().map(item -> (Object) ((Map<?, ?>) item).get("version")).toList()).containsExactly(2, 1);
    }

    /** The run once it has finished; waits at most 30 s. */
    private Map<String, Object> finished(String runId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> run = get("api/v1/runs/" + runId).body();
        while (!Set.of("success", "failed", "cancelled").contains(run.get("status")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            run = get("api/v1/runs/" + runId).body();
        }
        return run;
    }

    private String createWorkflow(String name) throws IOException, InterruptedException {
        Reply created = post("api/v1/workflows", JSON.writeValueAsString(Map.of("name", name, "steps",
                List.of(Map.of("name", "wait", "type", "delay", "config", Map.of("duration", 0.1))))), null);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return (String) created.body().get("workflow_id");
    }

    protected Reply post(String path, String json, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    protected Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(30)).GET());
    }

    @SuppressWarnings("unchecked")
    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (apiKey() != null) {
            request.header("Authorization", "Bearer " + apiKey());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Object parsed = response.body().isBlank() ? Map.of() : JSON.readValue(response.body(), Object.class);
        return new Reply(response.statusCode(), response.body(),
                parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("value", parsed),
                response.headers().firstValue("Idempotent-Replayed").orElse(null));
    }
}
