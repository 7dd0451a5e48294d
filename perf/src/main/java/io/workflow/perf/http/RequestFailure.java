package io.workflow.perf.http;

/** A request that ended without an HTTP answer, classified. */
public final class RequestFailure extends Exception {

    private final ErrorKind kind;

    public RequestFailure(ErrorKind kind, String message) {
        // No stack trace: failures are expected data under load, and filling traces costs CPU the driver needs.
        super(message, null, false, false);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
