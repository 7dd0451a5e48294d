package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.run.RunContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a workflow's placeholders need, read from its steps before anything runs: the payload paths
 * they refer to ({@code ${payload.user.id}} needs {@code user.id}), the ones that must hold a scalar
 * (a placeholder in a URL becomes text in it: an object or a list there makes no URL), and the
 * references to other steps, each of which must name a step that comes earlier. Placeholders are read
 * with {@link RunContext}'s own parser, so the contract and the substitution never disagree.
 */
public final class PayloadContract {
    private static final String PAYLOAD = "payload";

    private final Map<String, PayloadPath> paths;
    private final List<InvalidInputException> badReferences;

    /** A path into the payload (its segments, without {@code payload}); {@code scalar}: it must hold a string, number or boolean. */
    public record PayloadPath(List<String> segments, boolean scalar) {
        public PayloadPath {
            segments = List.copyOf(segments);
        }

        /** The path as a placeholder writes it: {@code payload.user.id}. */
        public String text() {
            return PAYLOAD + "." + String.join(".", segments);
        }
    }

    private PayloadContract(Map<String, PayloadPath> paths, List<InvalidInputException> badReferences) {
        this.paths = paths;
        this.badReferences = badReferences;
    }

    /** The contract of these steps, in order. Never throws: {@link #requireValidReferences} judges the references. */
    public static PayloadContract of(List<Step> steps) {
        Map<String, PayloadPath> paths = new LinkedHashMap<>();
        List<InvalidInputException> bad = new ArrayList<>();
        Set<String> earlier = new HashSet<>();
        Set<String> all = new HashSet<>();
        steps.forEach(step -> all.add(step.name()));
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String at = "steps[" + i + "].config.";
            switch (step) {
                case DelayStep delay -> {
                }
                case WebhookStep webhook -> {
                    read(webhook.url(), at + "url", true, step.name(), earlier, all, paths, bad);
                    webhook.headers().forEach((name, value) ->
                            read(value, at + "headers." + name, false, step.name(), earlier, all, paths, bad));
                    readTree(webhook.body(), at + "body", step.name(), earlier, all, paths, bad);
                }
            }
            earlier.add(step.name());
        }
        return new PayloadContract(paths, List.copyOf(bad));
    }

    /**
     * Throws for the first placeholder that refers to a step which does not exist or does not come
     * before the step that holds it, naming the step and the placeholder.
     */
    public PayloadContract requireValidReferences() {
        if (!badReferences.isEmpty()) {
            throw badReferences.getFirst();
        }
        return this;
    }

    /** Every payload path the placeholders need, each once, in the order they first appear. */
    public List<PayloadPath> paths() {
        return List.copyOf(paths.values());
    }

    /**
     * What {@code payload} lacks for this contract, one line per path, in order: a path that is not
     * there, or one that must hold a scalar and holds something else. Empty when the payload fits.
     */
    public List<String> problems(Map<String, ?> payload) {
        RunContext context = RunContext.of(payload, Map.of());
        List<String> problems = new ArrayList<>();
        for (PayloadPath path : paths.values()) {
            var value = context.find(path.text());
            if (value.isEmpty()) {
                problems.add(path.text() + " is missing");
            } else if (path.scalar() && !isScalar(value.get())) {
                problems.add(path.text() + " must be a string, number or boolean: it is used in a URL");
            }
        }
        return problems;
    }

    /** Throws {@link InvalidInputException} on {@code payload} listing every problem {@link #problems} finds. */
    public void requireSatisfiedBy(Map<String, ?> payload) {
        List<String> problems = problems(payload);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(PAYLOAD, "does not give what the workflow's placeholders need: "
                    + String.join("; ", problems));
        }
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static void readTree(Object tree, String field, String step, Set<String> earlier, Set<String> all,
                                 Map<String, PayloadPath> paths, List<InvalidInputException> bad) {
        switch (tree) {
            case String text -> read(text, field, false, step, earlier, all, paths, bad);
            case Map<?, ?> map -> map.forEach((key, value) -> readTree(value, field + "." + key, step, earlier, all, paths, bad));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    readTree(list.get(i), field + "[" + i + "]", step, earlier, all, paths, bad);
                }
            }
            case null, default -> {
            }
        }
    }

    private static void read(String text, String field, boolean scalar, String step, Set<String> earlier, Set<String> all,
                             Map<String, PayloadPath> paths, List<InvalidInputException> bad) {
        for (String placeholder : RunContext.placeholders(text)) {
            // Split as RunContext splits a path when it resolves it.
            String[] parts = placeholder.split("\\.");
            String root = parts[0];
            if (PAYLOAD.equals(root)) {
                if (parts.length > 1) {
                    PayloadPath path = new PayloadPath(List.of(parts).subList(1, parts.length), scalar);
                    paths.merge(path.text(), path, (was, now) -> was.scalar() ? was : now);
                }
            } else if (!earlier.contains(root)) {
                bad.add(new InvalidInputException(field, "placeholder ${" + placeholder + "} refers to step '" + root + "', "
                        + (root.equals(step) ? "the step itself: a step sees only the outputs of the steps before it"
                        : all.contains(root) ? "which comes later: a step sees only the outputs of the steps before it"
                        : "but there is no step of that name (nor is it 'payload')")));
            }
        }
    }
}
