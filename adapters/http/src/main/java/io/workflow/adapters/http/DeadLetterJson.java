package io.workflow.adapters.http;

import io.workflow.domain.deadletter.DeadLetter;

import java.util.LinkedHashMap;
import java.util.Map;

/** A dead letter as the API shows it. */
final class DeadLetterJson {
    private DeadLetterJson() {
    }

    static Map<String, Object> tree(DeadLetter letter) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", letter.id().toString());
        tree.put("source", letter.source());
        tree.put("partition", letter.partition());
        tree.put("offset", letter.offset());
        tree.put("key", letter.key());
        tree.put("payload", letter.payload());
        tree.put("truncated", letter.truncated());
        tree.put("reason", letter.reason());
        tree.put("run_id", letter.runId() == null ? null : letter.runId().toString());
        tree.put("tenant", letter.tenant());
        tree.put("recorded_at", WireInstants.text(letter.recordedAt()));
        tree.put("redriven_at", WireInstants.text(letter.redrivenAt()));
        return tree;
    }
}
