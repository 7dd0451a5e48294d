package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.auth.Tenants;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A named, ordered list of steps. {@code uuid} is the server's identity; {@code id} is the
 * client's own label, kept as given; {@code tenant} owns the workflow and its runs. Invariants: a name, at most {@link #MAX_STEPS} steps, step
 * names unique.
 */
public record Workflow(UUID uuid, String id, String name, String description, List<Step> steps, Instant createdAt,
                       String tenant) {
    public static final int MAX_STEPS = 100;
    public static final int MAX_NAME_LENGTH = 200;

    public Workflow {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(tenant, "tenant");
        steps = checkDefinition(name, steps);
    }

    /** A workflow of the {@link Tenants#DEFAULT default tenant}: the record as it was before tenants. */
    public Workflow(UUID uuid, String id, String name, String description, List<Step> steps, Instant createdAt) {
        this(uuid, id, name, description, steps, createdAt, Tenants.DEFAULT);
    }

    /**
     * The rules of a workflow's definition, for whoever holds one before it is a workflow: a name, at
     * most {@link #MAX_STEPS} steps, step names unique. Returns the steps as an unmodifiable copy.
     */
    public static List<Step> checkDefinition(String name, List<Step> steps) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        List<Step> copy = List.copyOf(steps == null ? List.of() : steps);
        if (copy.size() > MAX_STEPS) {
            throw new InvalidInputException("steps", "must hold at most " + MAX_STEPS + " steps");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < copy.size(); i++) {
            if (!names.add(copy.get(i).name())) {
                throw new InvalidInputException("steps[" + i + "].name", "duplicates an earlier step's name");
            }
        }
        return copy;
    }
}
