package io.workflow.perf.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Per-endpoint latency in microseconds. Request threads record wait-free; one monitor thread drains the
 * recorders every tick into cumulative histograms, which also yields each interval's latency for the timeline.
 */
public final class LatencyRecorder {

    /** Latencies are clamped to one hour; the request timeout is far below that. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    static final int SIGNIFICANT_DIGITS = 3;

    private final Map<Endpoint, Recorder> recorders = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Histogram> totals = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Histogram> recycled = new EnumMap<>(Endpoint.class);

    public LatencyRecorder() {
        for (Endpoint endpoint : Endpoint.values()) {
            recorders.put(endpoint, new Recorder(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS));
            totals.put(endpoint, newHistogram());
        }
    }

    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    void record(Endpoint endpoint, long micros) {
        recorders.get(endpoint).recordValue(Math.max(1, Math.min(micros, HIGHEST_MICROS)));
    }

    /**
     * Moves everything recorded since the previous call into the totals and returns it across endpoints.
     * Only one thread may call this (and the totals' readers must wait until it is done).
     */
    synchronized Histogram drain() {
        Histogram interval = newHistogram();
        for (Endpoint endpoint : Endpoint.values()) {
            Histogram part = recorders.get(endpoint).getIntervalHistogram(recycled.get(endpoint));
            totals.get(endpoint).add(part);
            interval.add(part);
            recycled.put(endpoint, part);
        }
        return interval;
    }

    synchronized Histogram total(Endpoint endpoint) {
        return totals.get(endpoint).copy();
    }

    synchronized Histogram overall() {
        Histogram all = newHistogram();
        totals.values().forEach(all::add);
        return all;
    }
}
