package io.workflow.domain.port;

import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.workflow.SigningSecrets;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Where workflows are kept. Every method throws {@link StoreUnavailableException} when the store cannot be reached. */
public interface WorkflowRepository {

    /** Stores a new workflow. */
    void save(Workflow workflow);

    /**
     * Stores a new workflow with its first webhook signing secrets, as one write: afterwards the
     * {@link SigningSecretRepository} of the same store finds them, and when this throws neither the
     * workflow nor the secrets were stored.
     */
    void save(Workflow workflow, SigningSecrets secrets);

    /** The workflow with this uuid, if any (archived ones included). */
    Optional<Workflow> findById(UUID uuid);

    /**
     * A page of the workflows that are not archived, newest first (creation time, then uuid, both
     * descending), honouring the request's byte budget as this store measures a definition: a page
     * stops before the workflow that would take it past the budget (holding at least one).
     */
    Page<Workflow> list(WorkflowQuery query);

    /**
     * Marks the workflow archived at {@code at} unless it already is; returns the workflow as stored
     * afterwards (with the first archive time), or empty when there is none with this uuid.
     */
    Optional<Workflow> archive(UUID uuid, Instant at);

    /**
     * Stores {@code revised} as the next version of its workflow (the one with its uuid), numbered one
     * past the stored version whatever {@code revised} says, and keeps every earlier version readable.
     * Concurrent revisions each get their own number, none lost. Returns the workflow as stored, or
     * empty when there is no such workflow or it is archived (nothing is stored then).
     */
    Optional<Workflow> revise(Workflow revised, Instant at);

    /** Version {@code version} of the workflow, if both exist (the current one included). */
    Optional<Workflow> findVersion(UUID uuid, int version);

    /**
     * A page of the workflow's versions, newest first, honouring the request's limit and byte budget
     * like {@link #list}; its cursor is {@link #versionCursor} of the last version on the page. Empty
     * when there is no such workflow.
     */
    Page<Workflow> versions(UUID uuid, PageRequest page);

    /**
     * The position after {@code version} in a listing of a workflow's versions: a version has no
     * id of its own, so the number stands in the cursor's time (seconds since the epoch).
     */
    static Cursor versionCursor(UUID uuid, int version) {
        return new Cursor(Instant.ofEpochSecond(version), uuid);
    }

    /** The version a {@link #versionCursor} stands after. */
    static int versionAfter(Cursor cursor) {
        long seconds = cursor.createdAt().getEpochSecond();
        return seconds < 1 || seconds > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) seconds;
    }
}
