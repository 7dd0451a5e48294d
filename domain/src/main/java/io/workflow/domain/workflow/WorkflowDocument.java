package io.workflow.domain.workflow;

import io.workflow.domain.DocumentFields;
import io.workflow.domain.InvalidInputException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The one JSON shape of a workflow (wire, cache and storage alike), as plain Java objects:
 * {@code {"uuid","id","name","description","steps":[{"name","type","config"}],"created_at"}}.
 * Reading validates and names the offending field.
 */
public final class WorkflowDocument {
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private WorkflowDocument() {
    }

    /** A new workflow from a client's request body; the server picks the uuid and creation time. */
    public static Workflow fromRequest(Object body, UUID uuid, Instant now) {
        DocumentFields fields = DocumentFields.of(body, "");
        String name = fields.requiredString("name");
        return new Workflow(uuid, fields.optionalLabel("id"), name, fields.optionalString("description"),
                stepsFromTree(fields.requiredArray("steps")), now);
    }

    /** A workflow as this class wrote it with {@link #toTree}. */
    public static Workflow fromTree(Object tree) {
        DocumentFields fields = DocumentFields.of(tree, "");
        return new Workflow(fields.requiredUuid("uuid"), fields.optionalString("id"), fields.requiredString("name"),
                fields.optionalString("description"), stepsFromTree(fields.requiredArray("steps")),
                fields.requiredInstant("created_at"));
    }

    public static Map<String, Object> toTree(Workflow workflow) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("uuid", workflow.uuid().toString());
        tree.put("id", workflow.id());
        tree.put("name", workflow.name());
        tree.put("description", workflow.description());
        tree.put("steps", stepsToTree(workflow.steps()));
        tree.put("created_at", workflow.createdAt().toString());
        return tree;
    }

    public static List<Object> stepsToTree(List<Step> steps) {
        List<Object> list = new ArrayList<>(steps.size());
        for (Step step : steps) {
            Map<String, Object> config = new LinkedHashMap<>();
            switch (step) {
                case DelayStep delay -> config.put("duration", seconds(delay.duration()));
                case WebhookStep webhook -> {
                    config.put("url", webhook.url());
                    config.put("method", webhook.method());
                    if (!webhook.headers().isEmpty()) {
                        config.put("headers", new LinkedHashMap<>(webhook.headers()));
                    }
                    if (webhook.body() != null) {
                        config.put("body", webhook.body());
                    }
                }
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("name", step.name());
            tree.put("type", step.type());
            tree.put("config", config);
            list.add(tree);
        }
        return list;
    }

    public static List<Step> stepsFromTree(List<?> tree) {
        List<Step> steps = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            String path = "steps[" + i + "]";
            try {
                steps.add(step(DocumentFields.of(tree.get(i), path)));
            } catch (InvalidInputException e) {
                if (e.field() == null || e.field().startsWith(path)) {
                    throw e;
                }
                throw new InvalidInputException(path + "." + e.field(), e.reason());
            }
        }
        return steps;
    }

    private static Step step(DocumentFields fields) {
        String name = fields.requiredString("name");
        String type = fields.requiredString("type");
        DocumentFields config = fields.requiredObject("config");
        return switch (type) {
            case DelayStep.TYPE -> new DelayStep(name, duration(config));
            case WebhookStep.TYPE -> new WebhookStep(name, config.requiredString("url"), config.requiredString("method").toUpperCase(Locale.ROOT),
                    headers(config), config.value("body"));
            default -> throw new InvalidInputException(fields.field("type"),
                    "unknown step type '" + type + "'; known types: " + DelayStep.TYPE + ", " + WebhookStep.TYPE);
        };
    }

    private static Duration duration(DocumentFields config) {
        BigDecimal seconds = config.requiredNumber("duration");
        if (seconds.signum() <= 0) {
            throw new InvalidInputException(config.field("duration"), "must be a positive number of seconds");
        }
        if (seconds.compareTo(BigDecimal.valueOf(DelayStep.MAX_DURATION.toSeconds())) > 0) {
            throw new InvalidInputException(config.field("duration"),
                    "must be at most " + DelayStep.MAX_DURATION.toSeconds() + " seconds");
        }
        long nanos = seconds.multiply(NANOS_PER_SECOND).longValue();
        if (nanos < 1_000_000) {
            throw new InvalidInputException(config.field("duration"), "must be at least 0.001 seconds");
        }
        return Duration.ofNanos(nanos);
    }

    private static Map<String, String> headers(DocumentFields config) {
        if (!config.has("headers")) {
            return Map.of();
        }
        DocumentFields headers = config.requiredObject("headers");
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

    private static Object seconds(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds();
        }
        return BigDecimal.valueOf(duration.toNanos()).divide(NANOS_PER_SECOND).doubleValue();
    }
}
