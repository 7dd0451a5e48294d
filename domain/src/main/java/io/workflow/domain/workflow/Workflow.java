package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;
import io.workflow.domain.auth.Tenants;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A named, ordered list of steps. {@code uuid} is the server's identity; {@code id} is the
 * client's own label, kept as given; {@code tenant} owns the workflow and its runs. Invariants: a
 * name, at most {@link #MAX_STEPS} steps, step names unique. {@code retry} (optional) is the retry
 * policy of every webhook step that has none of its own; {@code timeout} (optional) bounds a run: one
 * still going that long after it started ends {@code failed}. {@code archivedAt} (null while active)
 * is when it was archived: an archived workflow starts no more runs, but it and its runs can still be read.
 * {@code version} counts the definitions it has had: 1 at creation, one more for each revision (a run
 * keeps the version it was triggered with). {@code payloadSchema} (optional) is the schema its own
 * author declared, which a trigger's payload must satisfy besides what the placeholders need.
 */
public record Workflow(UUID uuid, String id, String name, String description, List<Step> steps, Instant createdAt,
                       RetryPolicy retry, Duration timeout, Instant archivedAt, String tenant, int version,
                       PayloadSchema payloadSchema) {
    public static final int MAX_STEPS = 100;
    public static final int MAX_NAME_LENGTH = 200;
    /** The longest run timeout: a week. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(7);

    public Workflow {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(tenant, "tenant");
        steps = checkDefinition(name, steps);
        checkTimeout(timeout);
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, got " + version);
        }
    }

    /** The first version, without a declared payload schema: the record as it was before versions. */
    public Workflow(UUID uuid, String id, String name, String description, List<Step> steps, Instant createdAt,
                    RetryPolicy retry, Duration timeout, Instant archivedAt, String tenant) {
        this(uuid, id, name, description, steps, createdAt, retry, timeout, archivedAt, tenant, 1, null);
    }

    /** An active workflow with neither a default retry policy nor a run timeout. */
    public Workflow(UUID uuid, String id, String name, String description, List<Step> steps, Instant createdAt) {
        this(uuid, id, name, description, steps, createdAt, null, null, null, Tenants.DEFAULT);
    }

    /** An active workflow. */
    public Workflow(UUID uuid, String id, String name, String description, List<Step> steps, Instant createdAt,
                    RetryPolicy retry, Duration timeout) {
        this(uuid, id, name, description, steps, createdAt, retry, timeout, null, Tenants.DEFAULT);
    }

    /** The run timeout's rules: none, or more than nothing and at most {@link #MAX_TIMEOUT}. */
    public static void checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw new InvalidInputException("timeout", "must be greater than 0 and at most " + MAX_TIMEOUT.toSeconds() + " seconds");
        }
    }

    /** The retry policy that applies to {@code step}: its own, else the workflow's default; null: tried once. */
    public RetryPolicy retryOf(Step step) {
        return step instanceof WebhookStep webhook && webhook.retry() != null ? webhook.retry()
                : step instanceof WebhookStep ? retry : null;
    }

    public boolean isArchived() {
        return archivedAt != null;
    }

    /** The same workflow archived at {@code at}; archiving again keeps the first time. */
    public Workflow archive(Instant at) {
        return isArchived() ? this : new Workflow(uuid, id, name, description, steps, createdAt, retry, timeout,
                Objects.requireNonNull(at, "at"), tenant, version, payloadSchema);
    }

    /** The same workflow as its version {@code number}: what a store hands back once it has numbered a revision. */
    public Workflow asVersion(int number) {
        return new Workflow(uuid, id, name, description, steps, createdAt, retry, timeout, archivedAt, tenant, number,
                payloadSchema);
    }

    /** Refuses with {@link ArchivedWorkflowException} when archived: what starting a run asks first. */
    public Workflow requireActive() {
        if (isArchived()) {
            throw new ArchivedWorkflowException(uuid, archivedAt);
        }
        return this;
    }

    /** An active workflow of {@code tenant} with neither a default retry policy nor a run timeout. */
    public Workflow(UUID uuid, String id, String name, String description, List<Step> steps, Instant createdAt,
                    String tenant) {
        this(uuid, id, name, description, steps, createdAt, null, null, null, tenant);
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
