package io.workflow.domain.idempotency;

/** What a {@link KeyClaim} found: the key was free, is held, was answered, or belongs to another request. */
public sealed interface ClaimOutcome {

    /** The key is this claim's: do the work, then complete or release it. */
    record Acquired() implements ClaimOutcome {
    }

    /** The same request is being worked on under this key right now. */
    record InFlight() implements ClaimOutcome {
    }

    /** The same request was answered already; this is its answer. */
    record Completed(RecordedResponse response) implements ClaimOutcome {
    }

    /** The key was used for a different request (another method, path or body). */
    record Mismatch() implements ClaimOutcome {
    }
}
