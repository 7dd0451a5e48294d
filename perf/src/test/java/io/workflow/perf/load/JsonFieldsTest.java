package io.workflow.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    private static Map<String, String> read(String json, String... fields) throws IOException {
        return JsonFields.read(json.getBytes(StandardCharsets.UTF_8), fields);
    }

    @Test
    void readsTopLevelStringsAndNumbers_skippingNestedOnes() throws IOException {
        String run = "{\"uuid\":\"r1\",\"step_results\":{\"wait\":{\"status\":\"running\"}},\"items\":[{\"status\":\"x\"}],"
                + "\"status\":\"success\",\"id\":42,\"started_at\":\"2025-01-01T00:00:00Z\",\"completed_at\":null}";
        assertThat(read(run, "status", "id", "started_at", "completed_at", "absent"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("status", "success", "id", "42", "started_at", "2025-01-01T00:00:00Z"));
        assertThat(read("{\"workflow_id\":\"w-1\"}", "workflow_id")).containsEntry("workflow_id", "w-1");
    }

    @Test
    void rejectsBodiesThatAreNotObjects() {
        assertThatThrownBy(() -> read("[1,2]", "a")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("<html>", "a")).isInstanceOf(IOException.class);
    }

    @Test
    void triggeredRunsTakeServerTimestampsWithOrWithoutOffset() {
        TriggeredRun run = new TriggeredRun("r", 1_000);
        run.observe(Map.of("status", "running"), 2_000);
        assertThat(run.isTerminal()).isFalse();
        run.observe(Map.of("status", "failed", "started_at", "2025-01-01T00:00:00.250", "completed_at", "2025-01-01T00:00:01.500Z"), 5_000);
        assertThat(run.isTerminal()).isTrue();
        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.triggerToTerminalNanos()).isEqualTo(4_000);
        assertThat(run.serverDurationMs()).isEqualTo(1250.0);
        run.observe(Map.of("status", "success"), 9_000);
        assertThat(run.status()).as("the first terminal status sticks").isEqualTo("failed");
    }
}
