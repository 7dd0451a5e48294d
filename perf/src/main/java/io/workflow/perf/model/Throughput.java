package io.workflow.perf.model;

/** Sent requests per second of wall time, and successful requests per second (the seed's "effective" throughput). */
public record Throughput(double requestsPerSecond, double successfulPerSecond) {
}
