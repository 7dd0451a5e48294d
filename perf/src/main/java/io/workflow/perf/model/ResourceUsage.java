package io.workflow.perf.model;

import java.util.List;

/** CPU and memory of a named process and its descendants during a phase, sampled from /proc. */
public record ResourceUsage(
        String name,
        List<Long> pids,
        int samples,
        double cpuPercentMean,
        double cpuPercentMax,
        double rssMbMean,
        double rssMbMax,
        List<ResourcePoint> series) {

    /** The group the driver always samples: its own process. */
    public static final String DRIVER = "driver";
}
