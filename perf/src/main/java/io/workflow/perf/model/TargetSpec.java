package io.workflow.perf.model;

/** A named base URL under test; the stub answers canned responses and shows the client's own ceiling. */
public record TargetSpec(String name, String url, boolean stub) {
}
