package io.workflow.adapters.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.run.Timer;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.PayloadSchema;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How workflows and runs are kept in Redis: compact JSON with short keys, instants as epoch
 * microseconds (no date parsing on a hit), durations in nanoseconds. Version 1 lives under the key
 * prefixes {@link #WORKFLOW_PREFIX} and {@link #RUN_PREFIX}; a new layout takes new prefixes, so
 * entries of the old one are simply never read again and expire.
 */
final class CacheValues {
    static final String WORKFLOW_PREFIX = "workflow:v4:";
    static final String RUN_PREFIX = "run:v4:";
    // Jackson's default thread-local buffer recycling gives no reuse on virtual threads.
    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build());

    private CacheValues() {
    }

    static String workflow(Workflow workflow) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("u", workflow.uuid().toString());
        tree.put("i", workflow.id());
        tree.put("n", workflow.name());
        tree.put("d", workflow.description());
        tree.put("c", micros(workflow.createdAt()));
        if (workflow.archivedAt() != null) {
            tree.put("a", micros(workflow.archivedAt()));
        }
        List<Object> steps = new ArrayList<>();
        for (Step step : workflow.steps()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("n", step.name());
            switch (step) {
                case DelayStep delay -> entry.put("delay_ns", delay.duration().toNanos());
                case WebhookStep webhook -> {
                    entry.put("url", webhook.url());
                    entry.put("m", webhook.method());
                    entry.put("h", webhook.headers());
                    entry.put("b", webhook.body());
                    if (webhook.retry() != null) {
                        entry.put("r", retryTree(webhook.retry()));
                    }
                    if (webhook.timeout() != null) {
                        entry.put("t_ns", webhook.timeout().toNanos());
                    }
                }
            }
            steps.add(entry);
        }
        tree.put("s", steps);
        if (workflow.retry() != null) {
            tree.put("r", retryTree(workflow.retry()));
        }
        if (workflow.timeout() != null) {
            tree.put("t_ns", workflow.timeout().toNanos());
        }
        tree.put("t", workflow.tenant());
        // Absent in entries written before versions: those are all version 1 without a declared schema.
        if (workflow.version() != 1) {
            tree.put("v", workflow.version());
        }
        if (workflow.payloadSchema() != null) {
            tree.put("ps", workflow.payloadSchema().tree());
        }
        return write(tree);
    }

    @SuppressWarnings("unchecked")
    static Workflow workflow(String text) {
        Map<String, Object> tree = read(text);
        List<Step> steps = new ArrayList<>();
        for (Object item : (List<Object>) tree.get("s")) {
            Map<String, Object> entry = (Map<String, Object>) item;
            String name = (String) entry.get("n");
            steps.add(entry.containsKey("delay_ns")
                    ? new DelayStep(name, Duration.ofNanos(((Number) entry.get("delay_ns")).longValue()))
                    : new WebhookStep(name, (String) entry.get("url"), (String) entry.get("m"),
                            (Map<String, String>) entry.get("h"), entry.get("b"), retry((Map<String, Object>) entry.get("r")),
                            nanos(entry.get("t_ns"))));
        }
        return new Workflow(UUID.fromString((String) tree.get("u")), (String) tree.get("i"), (String) tree.get("n"),
                (String) tree.get("d"), steps, instant(tree.get("c")), retry((Map<String, Object>) tree.get("r")),
                nanos(tree.get("t_ns")), instant(tree.get("a")), (String) tree.get("t"),
                tree.get("v") == null ? 1 : ((Number) tree.get("v")).intValue(),
                tree.get("ps") == null ? null : PayloadSchema.of((Map<String, ?>) tree.get("ps")));
    }

    static String run(Run run) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("i", run.id().toString());
        tree.put("w", run.workflowId().toString());
        tree.put("s", run.status().name());
        tree.put("p", run.payload());
        tree.put("c", micros(run.createdAt()));
        tree.put("st", micros(run.startedAt()));
        tree.put("co", micros(run.completedAt()));
        tree.put("e", run.error());
        Map<String, Object> results = new LinkedHashMap<>();
        run.stepResults().forEach((name, result) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("n", result.stepName());
            entry.put("s", result.status().name());
            entry.put("st", micros(result.startedAt()));
            entry.put("co", micros(result.completedAt()));
            entry.put("o", result.output());
            entry.put("e", result.error());
            if (!result.attempts().isEmpty()) {
                entry.put("a", attemptTrees(result.attempts()));
            }
            results.put(name, entry);
        });
        tree.put("r", results);
        tree.put("l", micros(run.leaseExpiresAt()));
        tree.put("a", run.attempt());
        if (run.timer() != null) {
            Timer timer = run.timer();
            tree.put("tm", Arrays.asList(timer.stepName(), micros(timer.stepStartedAt()), micros(timer.wakeAt()),
                    attemptTrees(timer.failedAttempts())));
        }
        tree.put("t", run.tenant());
        if (run.workflowVersion() != 1) {
            tree.put("wv", run.workflowVersion());
        }
        return write(tree);
    }

    @SuppressWarnings("unchecked")
    static Run run(String text) {
        Map<String, Object> tree = read(text);
        Map<String, StepResult> results = new LinkedHashMap<>();
        ((Map<String, Object>) tree.get("r")).forEach((name, value) -> {
            Map<String, Object> entry = (Map<String, Object>) value;
            results.put(name, new StepResult((String) entry.get("n"), StepResult.StepStatus.valueOf((String) entry.get("s")),
                    instant(entry.get("st")), instant(entry.get("co")), entry.get("o"), (String) entry.get("e"),
                    attempts(entry.get("a"))));
        });
        List<Object> timer = (List<Object>) tree.get("tm");
        return new Run(UUID.fromString((String) tree.get("i")), UUID.fromString((String) tree.get("w")),
                RunStatus.valueOf((String) tree.get("s")), (Map<String, ?>) tree.get("p"), instant(tree.get("c")),
                instant(tree.get("st")), instant(tree.get("co")), (String) tree.get("e"), results, instant(tree.get("l")),
                ((Number) tree.get("a")).intValue(), timer == null ? null
                        : new Timer((String) timer.get(0), instant(timer.get(1)), instant(timer.get(2)), attempts(timer.get(3))),
                (String) tree.get("t"), tree.get("wv") == null ? 1 : ((Number) tree.get("wv")).intValue());
    }

    private static List<List<Object>> attemptTrees(List<StepResult.Attempt> attempts) {
        return attempts.stream().map(attempt -> Arrays.<Object>asList(
                micros(attempt.startedAt()), micros(attempt.completedAt()), attempt.error())).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<StepResult.Attempt> attempts(Object trees) {
        return trees == null ? List.of() : ((List<List<Object>>) trees).stream()
                .map(attempt -> new StepResult.Attempt(instant(attempt.get(0)), instant(attempt.get(1)), (String) attempt.get(2)))
                .toList();
    }

    private static Duration nanos(Object value) {
        return value == null ? null : Duration.ofNanos(((Number) value).longValue());
    }

    private static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String text) {
        try {
            return MAPPER.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cached text is not JSON", e);
        }
    }

    private static Long micros(Instant instant) {
        return instant == null ? null : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    private static Instant instant(Object micros) {
        if (micros == null) {
            return null;
        }
        long value = ((Number) micros).longValue();
        return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
    }

    private static Map<String, Object> retryTree(RetryPolicy policy) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("n", policy.maxAttempts());
        tree.put("i", policy.initialInterval().toNanos());
        tree.put("b", policy.backoffCoefficient());
        tree.put("x", policy.maxInterval().toNanos());
        tree.put("j", policy.jitter());
        tree.put("o", policy.retryOn().stream().map(Enum::name).sorted().toList());
        return tree;
    }

    @SuppressWarnings("unchecked")
    private static RetryPolicy retry(Map<String, Object> tree) {
        if (tree == null) {
            return null;
        }
        return new RetryPolicy(((Number) tree.get("n")).intValue(), Duration.ofNanos(((Number) tree.get("i")).longValue()),
                ((Number) tree.get("b")).doubleValue(), Duration.ofNanos(((Number) tree.get("x")).longValue()),
                ((Number) tree.get("j")).doubleValue(),
                ((List<String>) tree.get("o")).stream().map(RetryPolicy.Failure::valueOf).collect(Collectors.toSet()));
    }
}
