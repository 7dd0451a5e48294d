package io.workflow.perf.model;

/** One sample of a process group: CPU over the last interval (100 = one core busy) and resident memory. */
public record ResourcePoint(double tSeconds, double cpuPercent, double rssMb) {
}
