package io.workflow.adapters.kafka;

import io.workflow.domain.run.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriggerEventTest {
    private static final UUID RUN = UUID.fromString("0190a6f2-7b4c-7d3e-9f10-0123456789ab");
    private static final UUID WORKFLOW = UUID.fromString("0190a6f2-0000-7000-8000-000000000001");

    @Test
    void givenARun_toJson_writesRunIdWorkflowIdAndTriggerTime() {
        Instant now = Instant.parse("2026-01-02T03:04:05.123456Z");
        Run run = Run.pending(RUN, WORKFLOW, Map.of("user_id", 1), now.minusSeconds(1));

        String json = new String(TriggerEvent.of(run, now).toJson(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"schema\":1,\"run_id\":\"" + RUN + "\",\"workflow_id\":\"" + WORKFLOW
                + "\",\"triggered_at\":\"2026-01-02T03:04:05.123456Z\"}");
    }

    @Test
    void givenAnEventWrittenBeforeTheSchemaField_parse_readsIt() throws Exception {
        byte[] old = ("{\"run_id\":\"" + RUN + "\",\"workflow_id\":\"" + WORKFLOW + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(TriggerEvent.parse(old).runId()).isEqualTo(RUN);
    }

    @Test
    void givenAnEventOfALaterSchema_parse_saysItCannotReadIt() {
        byte[] later = ("{\"schema\":2,\"run_id\":\"" + RUN + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TriggerEvent.parse(later))
                .isInstanceOf(TriggerEvent.Unreadable.class)
                .hasMessageContaining("schema 2");
    }

    @Test
    void givenAWrittenEvent_parse_readsItBack() throws Exception {
        TriggerEvent event = new TriggerEvent(RUN, WORKFLOW, Instant.parse("2026-01-02T03:04:05Z"));

        assertThat(TriggerEvent.parse(event.toJson())).isEqualTo(event);
    }

    @Test
    void givenOnlyARunIdAndUnknownFields_parse_acceptsIt() throws Exception {
        TriggerEvent event = TriggerEvent.parse(utf8("{\"run_id\":\"" + RUN + "\",\"extra\":[1,2]}"));

        assertThat(event).isEqualTo(new TriggerEvent(RUN, null, null));
    }

    @Test
    void givenAnUppercaseRunId_parse_acceptsIt() throws Exception {
        assertThat(TriggerEvent.parse(utf8("{\"run_id\":\"" + RUN.toString().toUpperCase() + "\"}")).runId()).isEqualTo(RUN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "plain text                    | hello                                          | not JSON",
            "truncated JSON                | {\"run_id\":                                   | not JSON",
            "trailing garbage              | {\"run_id\":\"0190a6f2-7b4c-7d3e-9f10-0123456789ab\"} x | not JSON",
            "an array                      | [1,2]                                          | not a JSON object",
            "a string                      | \"0190a6f2-7b4c-7d3e-9f10-0123456789ab\"       | not a JSON object",
            "no run_id                     | {\"workflow_id\":\"0190a6f2-0000-7000-8000-000000000001\"} | no run_id",
            "null run_id                   | {\"run_id\":null}                              | no run_id",
            "numeric run_id                | {\"run_id\":42}                                | run_id is not a UUID",
            "short UUID form               | {\"run_id\":\"1-1-1-1-1\"}                     | run_id is not a UUID",
            "not a UUID                    | {\"run_id\":\"abc\"}                           | run_id is not a UUID",
            "bad workflow_id               | {\"run_id\":\"0190a6f2-7b4c-7d3e-9f10-0123456789ab\",\"workflow_id\":\"x\"} | workflow_id is not a UUID",
            "bad triggered_at              | {\"run_id\":\"0190a6f2-7b4c-7d3e-9f10-0123456789ab\",\"triggered_at\":\"yesterday\"} | triggered_at is not an ISO-8601 instant",
            "numeric triggered_at          | {\"run_id\":\"0190a6f2-7b4c-7d3e-9f10-0123456789ab\",\"triggered_at\":1} | triggered_at is not an ISO-8601 instant",
    })
    void givenSomethingElse_parse_saysWhy(String what, String value, String reason) {
        assertThatThrownBy(() -> TriggerEvent.parse(utf8(value)))
                .isInstanceOf(TriggerEvent.Unreadable.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void givenNoValue_parse_saysItIsEmpty() {
        assertThatThrownBy(() -> TriggerEvent.parse(null)).hasMessage("empty value");
        assertThatThrownBy(() -> TriggerEvent.parse(new byte[0])).hasMessage("empty value");
        assertThatThrownBy(() -> TriggerEvent.parse(utf8("   "))).hasMessageStartingWith("not JSON");
    }

    @Test
    void givenBinaryGarbage_parse_saysItIsNotJson() {
        assertThatThrownBy(() -> TriggerEvent.parse(new byte[]{(byte) 0xff, 0x00, 0x13, 0x37}))
                .hasMessageStartingWith("not JSON");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
