package io.workflow.adapters.http;

import io.workflow.application.CreateWorkflow;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.workflow.PayloadContract;
import io.workflow.domain.workflow.PayloadSchema;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A workflow on the wire: the create request {@code {"id"?, "name", "description"?, "steps":
 * [{"name","type","config"}], "payload_schema"?}} (a revision's too) and the answer {@code {"uuid","id","name",
 * "description","steps","created_at",...,"payload_schema","declared_payload_schema"?,"version"}}: {@code payload_schema}
 * is what the placeholders need, {@code declared_payload_schema} the author's own, as declared. Steps are tagged by {@code type}: {@code delay} with {@code {"duration": seconds}},
 * {@code webhook} with {@code {"url","method","headers"?,"body"?}}.
 */
final class WorkflowJson {
    static final String DELAY = "delay";
    static final String WEBHOOK = "webhook";
    private WorkflowJson() {
    }

    /** The create request; {@link InvalidInputException} names the offending field as the client wrote it. */
    static CreateWorkflow.Command command(Object body) {
        RequestFields fields = RequestFields.of(body, "");
        String name = fields.requiredString("name");
        List<Step> steps = steps(fields.requiredArray("steps"));
        try {
            return new CreateWorkflow.Command(fields.optionalLabel("id"), name, fields.optionalString("description"),
                    steps, RetryPolicyJson.read(fields), timeout(fields), Tenants.DEFAULT, payloadSchema(fields));
        } catch (InvalidInputException e) {
            throw e.field() == null || e.field().startsWith(fields.path()) ? e : new InvalidInputException(fields.field(e.field()), e.reason());
        }
    }

    static Map<String, Object> tree(Workflow workflow) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("uuid", workflow.uuid().toString());
        tree.put("id", workflow.id());
        tree.put("name", workflow.name());
        tree.put("description", workflow.description());
        tree.put("steps", workflow.steps().stream().map(WorkflowJson::stepTree).toList());
        tree.put("created_at", WireInstants.text(workflow.createdAt()));
        if (workflow.retry() != null) {
            tree.put("retry", RetryPolicyJson.tree(workflow.retry()));
        }
        if (workflow.timeout() != null) {
            tree.put("timeout", WireSeconds.write(workflow.timeout()));
        }
        tree.put("archived_at", WireInstants.text(workflow.archivedAt()));
        tree.put("payload_schema", PayloadSchemaJson.tree(PayloadContract.of(workflow.steps())));
        if (workflow.payloadSchema() != null) {
            tree.put("declared_payload_schema", workflow.payloadSchema().tree());
        }
        tree.put("version", workflow.version());
        return tree;
    }

    /** A declared {@code "payload_schema"}, or null when absent (or null). */
    @SuppressWarnings("unchecked")
    private static PayloadSchema payloadSchema(RequestFields fields) {
        if (fields.value(PayloadSchema.FIELD) == null) {
            return null;
        }
        return PayloadSchema.of((Map<String, ?>) fields.requiredObject(PayloadSchema.FIELD).object());
    }

    /** A {@code "timeout"} in seconds, or null when absent. */
    private static Duration timeout(RequestFields fields) {
        return fields.has("timeout") ? WireSeconds.read(fields.requiredNumber("timeout")) : null;
    }

    private static Map<String, Object> stepTree(Step step) {
        Map<String, Object> config = new LinkedHashMap<>();
        String type = switch (step) {
            case DelayStep delay -> {
                config.put("duration", WireSeconds.write(delay.duration()));
                yield DELAY;
            }
            case WebhookStep webhook -> {
                config.put("url", webhook.url());
                config.put("method", webhook.method());
                if (!webhook.headers().isEmpty()) {
                    config.put("headers", new LinkedHashMap<>(webhook.headers()));
                }
                if (webhook.body() != null) {
                    config.put("body", webhook.body());
                }
                yield WEBHOOK;
            }
        };
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", step.name());
        tree.put("type", type);
        tree.put("config", config);
        if (step instanceof WebhookStep webhook && webhook.retry() != null) {
            tree.put("retry", RetryPolicyJson.tree(webhook.retry()));
        }
        if (step instanceof WebhookStep webhook && webhook.timeout() != null) {
            tree.put("timeout", WireSeconds.write(webhook.timeout()));
        }
        return tree;
    }

    private static List<Step> steps(List<?> array) {
        List<Step> steps = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            steps.add(step(RequestFields.of(array.get(i), "steps[" + i + "]")));
        }
        return steps;
    }

    private static Step step(RequestFields fields) {
        String name = fields.requiredString("name");
        String type = fields.requiredString("type");
        RequestFields config = fields.requiredObject("config");
        try {
            return switch (type) {
                case DELAY -> {
                    if (fields.has("retry")) {
                        throw new InvalidInputException(fields.field("retry"), "applies to webhook steps only: a delay cannot fail");
                    }
                    if (fields.has("timeout")) {
                        throw new InvalidInputException(fields.field("timeout"), "applies to webhook steps only: a delay takes its duration");
                    }
                    yield new DelayStep(name, WireSeconds.read(config.requiredNumber("duration")));
                }
                case WEBHOOK -> new WebhookStep(name, config.requiredString("url"),
                        config.requiredString("method").toUpperCase(Locale.ROOT), headers(config), config.value("body"),
                        RetryPolicyJson.read(fields), timeout(fields));
                default -> throw new InvalidInputException(fields.field("type"),
                        "unknown step type '" + type + "'; known types: " + DELAY + ", " + WEBHOOK);
            };
        } catch (InvalidInputException e) {
            if (e.field() == null || e.field().startsWith(fields.path())) {
                throw e;
            }
            // The step's own rules name its properties; on the wire they sit in the step or its config.
            String field = "name".equals(e.field()) || "timeout".equals(e.field()) || e.field().startsWith("retry.")
                    ? fields.field(e.field()) : config.field(e.field());
            throw new InvalidInputException(field, e.reason());
        }
    }

    private static Map<String, String> headers(RequestFields config) {
        if (!config.has("headers")) {
            return Map.of();
        }
        RequestFields headers = config.requiredObject("headers");
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : headers.object().entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof String value)) {
                throw new InvalidInputException(headers.field(key), "must be a string");
            }
            result.put(key, value);
        }
        return result;
    }
}
