package io.workflow.perf.model;

import java.util.List;

/**
 * CPU and memory of a named process group (the given processes and their descendants) during a phase, sampled from
 * /proc. {@code cpuSeconds} is the CPU time the group spent between the phase's first and last sample.
 */
public record ResourceUsage(
        String name,
        List<Long> pids,
        int samples,
        double cpuPercentMean,
        double cpuPercentMax,
        Double cpuSeconds,
        double rssMbMean,
        double rssMbMax,
        List<ResourcePoint> series) {

    /** The group the driver always samples: its own process. */
    public static final String DRIVER = "driver";

    public ResourceUsage {
        series = series == null ? List.of() : List.copyOf(series);
        // reports written before cpuSeconds existed: the same figure from the series, each point's share of one
        // core over the interval since the point before (or since the phase began)
        cpuSeconds = cpuSeconds != null ? cpuSeconds : cpuSecondsOf(series);
    }

    static double cpuSecondsOf(List<ResourcePoint> series) {
        double seconds = 0;
        double last = 0;
        for (ResourcePoint point : series) {
            seconds += point.cpuPercent() / 100 * (point.tSeconds() - last);
            last = point.tSeconds();
        }
        return seconds;
    }

    /** The same figures under another name. */
    public ResourceUsage named(String newName) {
        return new ResourceUsage(newName, pids, samples, cpuPercentMean, cpuPercentMax, cpuSeconds, rssMbMean, rssMbMax, series);
    }
}
