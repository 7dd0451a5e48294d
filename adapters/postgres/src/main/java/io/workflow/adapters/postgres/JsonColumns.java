package io.workflow.adapters.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflow.domain.run.JsonText;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.run.Timer;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.PayloadSchema;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code jsonb} columns, as this adapter stores them: {@code workflows.steps} as
 * {@code [{"name","type":"delay"|"webhook","config":{...}}]}, {@code runs.payload} as the payload
 * object, {@code runs.step_results} as {@code {"<step>":{"step_name","status","started_at",
 * "completed_at","output","error"}}} with ISO-8601 instants, {@code runs.timer} and
 * {@code workflows.options} as described at their methods. This is the stored schema: a change to
 * it is a migration, whatever the API answers.
 */
final class JsonColumns {
    // Jackson's default thread-local buffer recycling gives no reuse on virtual threads.
    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build());
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private JsonColumns() {
    }

    static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON", e);
        }
    }

    /** The length of {@code text} in UTF-8, without encoding it: what the size columns hold. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    static Object read(String text) {
        try {
            return text == null ? null : MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read", e);
        }
    }

    static String steps(List<Step> steps) {
        List<Object> list = new ArrayList<>(steps.size());
        for (Step step : steps) {
            Map<String, Object> config = new LinkedHashMap<>();
            String type = switch (step) {
                case DelayStep delay -> {
                    config.put("duration", BigDecimal.valueOf(delay.duration().toNanos()).divide(NANOS_PER_SECOND));
                    yield "delay";
                }
                case WebhookStep webhook -> {
                    config.put("url", webhook.url());
                    config.put("method", webhook.method());
                    config.put("headers", webhook.headers());
                    config.put("body", webhook.body());
                    if (webhook.retry() != null) {
                        config.put("retry", retryTree(webhook.retry()));
                    }
                    if (webhook.timeout() != null) {
                        config.put("timeout_ns", webhook.timeout().toNanos());
                    }
                    yield "webhook";
                }
            };
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("name", step.name());
            tree.put("type", type);
            tree.put("config", config);
            list.add(tree);
        }
        return write(list);
    }

    @SuppressWarnings("unchecked")
    static List<Step> steps(String text) {
        List<Step> steps = new ArrayList<>();
        for (Object item : (List<Object>) read(text)) {
            Map<String, Object> step = (Map<String, Object>) item;
            String name = (String) step.get("name");
            Map<String, Object> config = (Map<String, Object>) step.get("config");
            steps.add(switch ((String) step.get("type")) {
                case "delay" -> new DelayStep(name, Duration.ofNanos(
                        new BigDecimal(config.get("duration").toString()).multiply(NANOS_PER_SECOND).longValue()));
                case "webhook" -> new WebhookStep(name, (String) config.get("url"), (String) config.get("method"),
                        (Map<String, String>) config.get("headers"), config.get("body"), retry((Map<String, Object>) config.get("retry")),
                        nanos(config.get("timeout_ns")));
                default -> throw new IllegalStateException("stored step '" + name + "' has unknown type " + step.get("type"));
            });
        }
        return steps;
    }

    /** {@code workflows.options}: the default retry policy, the run timeout and the declared payload schema, each only when set. */
    static String options(Workflow workflow) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (workflow.payloadSchema() != null) {
            tree.put("payload_schema", workflow.payloadSchema().tree());
        }
        if (workflow.retry() != null) {
            tree.put("retry", retryTree(workflow.retry()));
        }
        if (workflow.timeout() != null) {
            tree.put("timeout_ns", workflow.timeout().toNanos());
        }
        return write(tree);
    }

    /** The default retry policy held in {@code workflows.options}; null when none. */
    @SuppressWarnings("unchecked")
    static RetryPolicy optionsRetry(String options) {
        return options == null ? null : retry((Map<String, Object>) ((Map<String, Object>) read(options)).get("retry"));
    }

    /** The declared payload schema held in {@code workflows.options}; null when none. */
    @SuppressWarnings("unchecked")
    static PayloadSchema optionsPayloadSchema(String options) {
        Object tree = options == null ? null : ((Map<String, Object>) read(options)).get("payload_schema");
        return tree == null ? null : PayloadSchema.of((Map<String, ?>) tree);
    }

    /** The run timeout held in {@code workflows.options}; null when none. */
    @SuppressWarnings("unchecked")
    static Duration optionsTimeout(String options) {
        return options == null ? null : nanos(((Map<String, Object>) read(options)).get("timeout_ns"));
    }

    /** {@code runs.timer}, or null (SQL NULL) when the run waits on none. */
    static String timer(Timer timer) {
        if (timer == null) {
            return null;
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("step_name", timer.stepName());
        tree.put("step_started_at", text(timer.stepStartedAt()));
        tree.put("wake_at", text(timer.wakeAt()));
        tree.put("failed_attempts", attemptTrees(timer.failedAttempts()));
        return write(tree);
    }

    @SuppressWarnings("unchecked")
    static Timer timer(String text) {
        if (text == null) {
            return null;
        }
        Map<String, Object> tree = (Map<String, Object>) read(text);
        return new Timer((String) tree.get("step_name"), instant(tree.get("step_started_at")), instant(tree.get("wake_at")),
                attempts(tree.get("failed_attempts")));
    }

    private static List<Map<String, Object>> attemptTrees(List<StepResult.Attempt> attempts) {
        return attempts.stream().map(attempt -> {
            Map<String, Object> tried = new LinkedHashMap<>();
            tried.put("started_at", text(attempt.startedAt()));
            tried.put("completed_at", text(attempt.completedAt()));
            tried.put("error", attempt.error());
            return tried;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<StepResult.Attempt> attempts(Object trees) {
        return trees == null ? List.of() : ((List<Map<String, Object>>) trees).stream().map(tried -> new StepResult.Attempt(
                instant(tried.get("started_at")), instant(tried.get("completed_at")), (String) tried.get("error"))).toList();
    }

    private static Duration nanos(Object value) {
        return value == null ? null : Duration.ofNanos(((Number) value).longValue());
    }

    static String stepResults(Map<String, StepResult> results) {
        Map<String, Object> tree = new LinkedHashMap<>();
        results.forEach((name, result) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("step_name", result.stepName());
            entry.put("status", result.status() == StepResult.StepStatus.SUCCESS ? "success" : "failed");
            entry.put("started_at", text(result.startedAt()));
            entry.put("completed_at", text(result.completedAt()));
            entry.put("output", result.output());
            entry.put("error", result.error());
            if (!result.attempts().isEmpty()) {
                entry.put("attempts", attemptTrees(result.attempts()));
            }
            tree.put(name, entry);
        });
        return write(tree);
    }

    /** Stored step results, each output decoded into plain Java objects (as the engine takes them). */
    static Map<String, StepResult> stepResults(String text) {
        return readStepResults(text, false);
    }

    /**
     * Stored step results for a listing: an output that is an object or an array stays the stored
     * text ({@link JsonText}, written out unread), anything else is its plain value.
     */
    static Map<String, StepResult> stepResultsWithOutputText(String text) {
        return readStepResults(text, true);
    }

    /** One pass over the stored text with a streaming parser: no tree of the results is built. */
    private static Map<String, StepResult> readStepResults(String text, boolean outputAsText) {
        Map<String, StepResult> results = new LinkedHashMap<>();
        if (text == null) {
            return results;
        }
        try (JsonParser parser = MAPPER.createParser(text)) {
            if (parser.nextToken() == JsonToken.VALUE_NULL) {
                return results;
            }
            expect(parser, JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                results.put(name, stepResult(parser, text, outputAsText));
            }
            return results;
        } catch (IOException e) {
            throw new IllegalStateException("stored step results cannot be read", e);
        }
    }

    private static StepResult stepResult(JsonParser parser, String text, boolean outputAsText) throws IOException {
        expect(parser, JsonToken.START_OBJECT);
        String stepName = null;
        StepResult.StepStatus status = StepResult.StepStatus.FAILED;
        Instant startedAt = null;
        Instant completedAt = null;
        Object output = null;
        String error = null;
        List<StepResult.Attempt> attempts = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "step_name" -> stepName = parser.getValueAsString();
                case "status" -> status = "success".equals(parser.getValueAsString())
                        ? StepResult.StepStatus.SUCCESS : StepResult.StepStatus.FAILED;
                case "started_at" -> startedAt = instant(parser.getValueAsString());
                case "completed_at" -> completedAt = instant(parser.getValueAsString());
                case "output" -> output = outputAsText && value.isStructStart()
                        ? textOf(parser, text) : MAPPER.readValue(parser, Object.class);
                case "error" -> error = parser.getValueAsString();
                case "attempts" -> attempts = readAttempts(parser);
                default -> parser.skipChildren();
            }
        }
        return new StepResult(stepName, status, startedAt, completedAt, output, error, attempts);
    }

    private static List<StepResult.Attempt> readAttempts(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(parser, JsonToken.START_ARRAY);
        List<StepResult.Attempt> attempts = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            Instant startedAt = null;
            Instant completedAt = null;
            String error = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "started_at" -> startedAt = instant(parser.getValueAsString());
                    case "completed_at" -> completedAt = instant(parser.getValueAsString());
                    case "error" -> error = parser.getValueAsString();
                    default -> parser.skipChildren();
                }
            }
            attempts.add(new StepResult.Attempt(startedAt, completedAt, error));
        }
        return attempts;
    }

    /** The object or array the parser stands at the start of, as the stored text has it. */
    private static JsonText textOf(JsonParser parser, String text) throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getCharOffset();
        return new JsonText(text.substring(start, end));
    }

    private static void expect(JsonParser parser, JsonToken token) throws IOException {
        if (parser.currentToken() != token) {
            throw new IOException("expected " + token + " at " + parser.currentLocation() + ", found " + parser.currentToken());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, ?> payload(String text) {
        return (Map<String, ?>) read(text);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(Object text) {
        return text == null ? null : UtcInstants.parse((String) text);
    }

    /** A step's retry policy as stored: intervals in nanoseconds, kinds by their domain names. */
    private static Map<String, Object> retryTree(RetryPolicy policy) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("max_attempts", policy.maxAttempts());
        tree.put("initial_interval_ns", policy.initialInterval().toNanos());
        tree.put("backoff_coefficient", policy.backoffCoefficient());
        tree.put("max_interval_ns", policy.maxInterval().toNanos());
        tree.put("jitter", policy.jitter());
        tree.put("retry_on", policy.retryOn().stream().map(Enum::name).sorted().toList());
        return tree;
    }

    @SuppressWarnings("unchecked")
    private static RetryPolicy retry(Map<String, Object> tree) {
        if (tree == null) {
            return null;
        }
        return new RetryPolicy(((Number) tree.get("max_attempts")).intValue(),
                Duration.ofNanos(((Number) tree.get("initial_interval_ns")).longValue()),
                ((Number) tree.get("backoff_coefficient")).doubleValue(),
                Duration.ofNanos(((Number) tree.get("max_interval_ns")).longValue()), ((Number) tree.get("jitter")).doubleValue(),
                ((List<String>) tree.get("retry_on")).stream().map(RetryPolicy.Failure::valueOf).collect(Collectors.toSet()));
    }
}
