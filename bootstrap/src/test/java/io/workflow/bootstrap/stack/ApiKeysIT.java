package io.workflow.bootstrap.stack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys through nginx against the stack's replicas, which run with {@code AUTH=required}: 401 for
 * no key, a made-up key and a revoked one; 403 naming the scope a key lacks; one tenant never sees
 * nor moves another's workflows and runs; a revoked key is refused by every replica within 5 s.
 */
class ApiKeysIT {
    private static final List<Map<String, Object>> ONE_STEP =
            List.of(Map.of("name", "tick", "type", "delay", "config", Map.of("duration", 0.01)));
    private static final List<String> EVERY_TENANT_SCOPE = List.of("workflows:read", "workflows:write", "runs:read", "runs:trigger");

    private final StackClient admin = new StackClient();

    @Test
    void requestsWithoutAKeyOrWithAMadeUpOne_areAnswered401WithABearerChallenge() throws Exception {
        for (StackClient client : List.of(new StackClient(null), new StackClient("wfa_" + UUID.randomUUID()))) {
            StackClient.Answer answer = client.get("api/v1/runs?limit=1");
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.headers().get("www-authenticate")).singleElement().asString().startsWith("Bearer");
            assertThat(answer.body()).containsEntry("status", 401).containsKey("detail");
        }
        assertThat(new StackClient(null).get("health").status()).as("/health needs no key").isEqualTo(200);
    }

    @Test
    void aKeyWithoutTheScope_isAnswered403NamingIt() throws Exception {
        StackClient reader = new StackClient(createKey(tenant(), List.of("runs:read")));

        StackClient.Answer trigger = reader.post("api/v1/trigger", Map.of("workflow_id", UUID.randomUUID().toString()));
        StackClient.Answer create = reader.post("api/v1/workflows", Map.of("name", "x", "steps", ONE_STEP));
        StackClient.Answer keys = reader.get("api/v1/keys");

        assertThat(trigger.status()).isEqualTo(403);
        assertThat((String) trigger.body().get("detail")).contains("runs:trigger");
        assertThat(create.status()).isEqualTo(403);
        assertThat((String) create.body().get("detail")).contains("workflows:write");
        assertThat(keys.status()).isEqualTo(403);
        assertThat((String) keys.body().get("detail")).contains("admin");
        reader.expectOk(reader.get("api/v1/runs?limit=1"));
    }

    @Test
    void aTenant_neverReadsListsPagesTriggersOrCancelsAnotherTenantsWorkflowsAndRuns() throws Exception {
        StackClient a = new StackClient(createKey(tenant(), EVERY_TENANT_SCOPE));
        StackClient b = new StackClient(createKey(tenant(), EVERY_TENANT_SCOPE));
        String workflowId = a.createWorkflow("tenant-a", ONE_STEP);
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(a.trigger(workflowId, Map.of("i", i)));
        }
        StackClient.Answer firstPage = a.get("api/v1/runs?limit=1");
        a.expectOk(firstPage);
        String cursor = (String) firstPage.body().get("next_cursor");
        assertThat(cursor).isNotNull();

        assertThat(b.get("api/v1/workflows/" + workflowId).status()).isEqualTo(404);
        assertThat(b.get("api/v1/runs/" + runs.getFirst()).status()).isEqualTo(404);
        assertThat(b.post("api/v1/trigger", Map.of("workflow_id", workflowId)).status()).isEqualTo(404);
        assertThat(b.post("api/v1/runs/" + runs.getFirst() + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(b.post("api/v1/runs/" + runs.getFirst() + "/retry", Map.of()).status()).isEqualTo(404);
        StackClient.Answer listed = b.get("api/v1/runs?limit=200&workflow_id=" + workflowId);
        b.expectOk(listed);
        assertThat((List<?>) listed.body().get("items")).isEmpty();
        assertThat(b.get("api/v1/runs?limit=1&cursor=" + cursor).status()).as("A's cursor for B").isEqualTo(400);
        assertThat(runIds(b.get("api/v1/runs?limit=200"))).doesNotContainAnyElementsOf(runs);

        assertThat(runIds(a.get("api/v1/runs?limit=200&workflow_id=" + workflowId))).containsExactlyInAnyOrderElementsOf(runs);
        a.expectOk(a.get("api/v1/runs?limit=1&cursor=" + cursor));
        assertThat(a.awaitTerminal(runs, Duration.ofSeconds(60)).values()).containsOnly("success");
    }

    @Test
    void aRevokedKey_isRefusedByEveryReplicaWithinFiveSeconds() throws Exception {
        Map<String, Object> created = createKeyAnswer(tenant(), List.of("runs:read"));
        String key = (String) created.get("key");
        List<StackClient> replicas = replicas(key);
        for (StackClient replica : replicas) {
            replica.expectOk(replica.get("api/v1/runs?limit=1")); // each replica now remembers the key
        }
        Map<String, Object> listedBefore = findKey((String) created.get("id"));
        assertThat(listedBefore).containsEntry("revoked_at", null).doesNotContainKey("key");

        StackClient.Answer revoked = admin.delete("api/v1/keys/" + created.get("id"));
        admin.expectOk(revoked);
        long revokedAt = System.nanoTime();

        for (StackClient replica : replicas) {
            while (replica.get("api/v1/runs?limit=1").status() != 401) {
                assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("revocation reached every replica")
                        .isLessThan(Duration.ofSeconds(5));
                Thread.sleep(100);
            }
        }
        assertThat(findKey((String) created.get("id")).get("revoked_at")).isNotNull();
        assertThat(new StackClient(key).get("api/v1/runs?limit=1").status()).isEqualTo(401);
    }

    private String createKey(String tenant, List<String> scopes) throws IOException, InterruptedException {
        return (String) createKeyAnswer(tenant, scopes).get("key");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> createKeyAnswer(String tenant, List<String> scopes) throws IOException, InterruptedException {
        StackClient.Answer answer = admin.post("api/v1/keys", Map.of("tenant", tenant, "scopes", scopes, "name", "ApiKeysIT"));
        StackClient.require(answer, 201);
        assertThat(answer.body()).containsEntry("tenant", tenant);
        assertThat((List<Object>) answer.body().get("scopes")).containsExactlyInAnyOrderElementsOf(scopes);
        assertThat((String) answer.body().get("key")).startsWith("wfa_").hasSizeGreaterThan(40);
        return answer.body();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> findKey(String id) throws IOException, InterruptedException {
        StackClient.Answer listed = admin.get("api/v1/keys");
        admin.expectOk(listed);
        return ((List<Map<String, Object>>) listed.body().get("items")).stream()
                .filter(key -> id.equals(key.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("key " + id + " is not listed"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> runIds(StackClient.Answer page) {
        return ((List<Map<String, Object>>) page.body().get("items")).stream().map(run -> (String) run.get("uuid")).toList();
    }

    private static String tenant() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A client per API replica, straight to its port (API_BASE_PORT and API_REPLICAS of the running stack's state). */
    private static List<StackClient> replicas(String key) throws IOException {
        Map<String, String> state = new java.util.HashMap<>();
        Path file = Path.of(System.getenv("STACK_HOME"), "state.env");
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                state.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        int base = Integer.parseInt(state.get("API_BASE_PORT"));
        int count = Integer.parseInt(state.get("API_REPLICAS"));
        List<StackClient> replicas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replicas.add(new StackClient(key, "http://127.0.0.1:" + (base + i)));
        }
        return replicas;
    }
}
