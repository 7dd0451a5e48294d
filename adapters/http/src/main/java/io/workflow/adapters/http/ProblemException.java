package io.workflow.adapters.http;

/** Ends a request with a problem response; thrown by handlers, answered by {@link ProblemResponses}. */
final class ProblemException extends RuntimeException {
    private final Problem problem;

    ProblemException(Problem problem) {
        // A client mistake, not a fault: no stack trace to fill.
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
