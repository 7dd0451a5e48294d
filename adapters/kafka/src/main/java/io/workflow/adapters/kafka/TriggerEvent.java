package io.workflow.adapters.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.workflow.domain.run.Run;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What goes on the trigger topic, schema 1: {@code {"schema":1,"run_id","workflow_id","triggered_at"}}.
 * Only the run id is needed to execute; the other fields are for people reading the topic, so they
 * may be absent (events written before the schema field have none), but when present they must be
 * well formed. An event of a later schema is unreadable here and goes to the dead-letter topic.
 *
 * <p>The id of the request that dispatched the run, when there was one, rides in the record's
 * {@value #REQUEST_ID_HEADER} header rather than in the value: it is for log lines, not part of the
 * event's schema, and readers of the value never see it.
 */
record TriggerEvent(UUID runId, UUID workflowId, Instant triggeredAt, String requestId) {
    static final int SCHEMA = 1;
    static final String REQUEST_ID_HEADER = "request_id";
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    TriggerEvent {
        if (runId == null) {
            throw new IllegalArgumentException("runId is required");
        }
    }

    /** An event dispatched outside any request. */
    TriggerEvent(UUID runId, UUID workflowId, Instant triggeredAt) {
        this(runId, workflowId, triggeredAt, null);
    }

    /** The event announcing {@code run}, triggered at {@code now}. */
    static TriggerEvent of(Run run, Instant now) {
        return of(run, now, null);
    }

    /** The event announcing {@code run}, triggered at {@code now} while request {@code requestId} (null: none) was handled. */
    static TriggerEvent of(Run run, Instant now, String requestId) {
        return new TriggerEvent(run.id(), run.workflowId(), now, requestId);
    }

    /** The record to publish on {@code topic}: keyed by run id, the request id (if any) in a header. */
    ProducerRecord<String, byte[]> toRecord(String topic) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, runId.toString(), toJson());
        if (requestId != null) {
            record.headers().add(REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    /** The request id a trigger record carries in its header; null when it carries none. */
    static String requestId(Headers headers) {
        Header header = headers.lastHeader(REQUEST_ID_HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    byte[] toJson() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("schema", SCHEMA);
        tree.put("run_id", runId.toString());
        tree.put("workflow_id", workflowId == null ? null : workflowId.toString());
        tree.put("triggered_at", triggeredAt == null ? null : triggeredAt.toString());
        return EventJson.write(tree);
    }

    /** Reads a record value; {@link Unreadable} says why it is not a trigger event. */
    static TriggerEvent parse(byte[] value) throws Unreadable {
        if (value == null || value.length == 0) {
            throw new Unreadable("empty value");
        }
        JsonNode tree;
        try {
            tree = EventJson.read(value);
        } catch (IOException e) {
            throw new Unreadable("not JSON: " + firstLine(e.getMessage()));
        }
        if (!tree.isObject()) {
            throw new Unreadable("not a JSON object");
        }
        JsonNode schema = tree.get("schema");
        if (schema != null && !(schema.isInt() && schema.intValue() == SCHEMA)) {
            throw new Unreadable("schema " + schema + " is not one this worker reads (" + SCHEMA + ")");
        }
        UUID runId = uuid(tree, "run_id");
        if (runId == null) {
            throw new Unreadable("no run_id");
        }
        return new TriggerEvent(runId, uuid(tree, "workflow_id"), instant(tree, "triggered_at"));
    }

    private static UUID uuid(JsonNode tree, String field) throws Unreadable {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        // UUID.fromString also takes shortened forms like "1-1-1-1-1"; a run id is always the canonical 36 characters.
        if (!node.isTextual() || !UUID_TEXT.matcher(node.textValue()).matches()) {
            throw new Unreadable(field + " is not a UUID");
        }
        return UUID.fromString(node.textValue());
    }

    private static Instant instant(JsonNode tree, String field) throws Unreadable {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isTextual()) {
                return Instant.parse(node.textValue());
            }
        } catch (DateTimeParseException e) {
            // falls through to the common complaint
        }
        throw new Unreadable(field + " is not an ISO-8601 instant");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The record is not a trigger event; the message says why (it goes into the dead-letter header). */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
