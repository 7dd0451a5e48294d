package io.workflow.bootstrap.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/** The small rules: log line formats, request-id safety, route labels, trace ids. */
class TelemetryPiecesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aJsonLogLine_isOneValidObject_withTheContextOfItsThread_evenForHostileText() throws Exception {
        UUID run = UUID.randomUUID();
        UUID workflow = UUID.randomUUID();
        LogRecord record = new LogRecord(Level.WARNING, "quote \" backslash \\ newline \n tab \t nul \0 lone \uD800 end");
        record.setLoggerName("io.workflow.test");
        record.setThrown(new IllegalStateException("boom"));

        String line = LogContext.withRequest("req-1", () -> LogContext.withRun(run, workflow,
                () -> new JsonLogFormatter().format(record)));

        assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
        Map<String, Object> parsed = JSON.readValue(line, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(parsed.get("message")).isEqualTo(record.getMessage());
        assertThat(parsed).containsEntry("level", "WARNING").containsEntry("logger", "io.workflow.test")
                .containsEntry("run_id", run.toString()).containsEntry("workflow_id", workflow.toString())
                .containsEntry("request_id", "req-1").containsKey("time");
        assertThat((String) parsed.get("exception")).contains("IllegalStateException: boom");
        assertThat(LogContext.current()).isEqualTo(new LogContext.Fields(null, null, null));
    }

    @Test
    void aTextLogLine_endsWithItsContext_soGrepFindsARun() {
        UUID run = UUID.randomUUID();
        LogRecord record = new LogRecord(Level.INFO, "step done");
        record.setLoggerName("io.workflow.runs");
        String line = LogContext.withRun(run, null, () -> new TextLogFormatter().format(record));
        assertThat(line).contains("INFO io.workflow.runs: step done run_id=" + run).doesNotContain("request_id");
    }

    @Test
    void requestIds_areSafe_onlyWhenShortAndPlain() {
        assertThat(RequestIds.isSafe("abc-123_X.y:z")).isTrue();
        assertThat(RequestIds.isSafe("a".repeat(128))).isTrue();
        assertThat(RequestIds.isSafe("a".repeat(129))).isFalse();
        assertThat(RequestIds.isSafe("")).isFalse();
        assertThat(RequestIds.isSafe("a b")).isFalse();
        assertThat(RequestIds.isSafe("a\"b")).isFalse();
        assertThat(RequestIds.isSafe("é")).isFalse();
    }

    @Test
    void newRequestIds_areVersion4Uuids_safe_andDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(RequestIds.isSafe(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void routeLabels_areTemplates_withoutTheOptionalSlash() {
        assertThat(HttpRequestMetrics.route("/api/v1/runs/{run_id}[/]")).isEqualTo("/api/v1/runs/{run_id}");
        assertThat(HttpRequestMetrics.route(null)).isEqualTo("unmatched");
        assertThat(HttpRequestMetrics.route("/")).isEqualTo("/");
    }

    @Test
    void aTraceparent_carriesTheRunIdAsTraceId_andANewSpanEachTime() {
        UUID run = UUID.randomUUID();
        String first = Traceparent.forCall(run);
        String second = Traceparent.forCall(run);
        assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").isNotEqualTo(second);
        assertThat(first.substring(3, 35)).isEqualTo(run.toString().replace("-", ""));
        assertThat(first.substring(36, 52)).isNotEqualTo("0".repeat(16));
    }
}
