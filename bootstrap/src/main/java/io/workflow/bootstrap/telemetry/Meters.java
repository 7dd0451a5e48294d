package io.workflow.bootstrap.telemetry;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The service's meters in the registry that {@code /observe/metrics} exports (Prometheus text: a
 * timer {@code workflow_x} becomes {@code workflow_x_seconds_bucket/_count/_sum}, a counter
 * {@code workflow_y_total}). Meters are looked up by name and label values in a map of their own,
 * so recording an event costs a map lookup and an atomic add, not a builder. Every label value
 * passed here must come from a bounded set: the callers see to it ({@link WorkflowLabel}).
 */
public final class Meters {
    /** Request and call latencies: 5 ms to 10 s. */
    static final List<Duration> FAST = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
    /** Runs and steps, delays included: 10 ms to an hour. */
    static final List<Duration> SLOW = seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600);

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counter of this name with these label names and values (alternating). */
    Counter counter(String name, String description, String... labels) {
        return counters.computeIfAbsent(key(name, labels), key -> registry.getOrCreate(
                Counter.builder(name).description(description).tags(tags(labels))));
    }

    /** The histogram timer of this name, buckets and labels; exported in seconds, without quantiles. */
    Timer timer(String name, String description, List<Duration> buckets, String... labels) {
        return timers.computeIfAbsent(key(name, labels), key -> registry.getOrCreate(
                Timer.builder(name).description(description).buckets(buckets.toArray(Duration[]::new))
                        // No client-side quantiles (Helidon's default): they cost on every record and
                        // cannot be summed over replicas; histogram_quantile over the buckets can.
                        .percentiles(new double[0])
                        .tags(tags(labels))));
    }

    /**
     * A gauge read from {@code value} at each scrape; closing the returned handle removes it, so a
     * service started again in the same JVM (tests) does not keep reading a closed pool.
     */
    public AutoCloseable gauge(String name, String description, Supplier<Number> value, String... labels) {
        Meter gauge = registry.getOrCreate(Gauge.builder(name, () -> value.get().doubleValue())
                .description(description).tags(tags(labels)));
        return () -> registry.remove(gauge);
    }

    private static String key(String name, String[] labels) {
        return labels.length == 0 ? name : name + '\u0000' + String.join("\u0000", labels);
    }

    private static List<Tag> tags(String[] labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come as name, value pairs");
        }
        List<Tag> tags = new ArrayList<>(labels.length / 2);
        for (int i = 0; i < labels.length; i += 2) {
            tags.add(Tag.create(labels[i], labels[i + 1]));
        }
        return tags;
    }

    private static List<Duration> seconds(double... values) {
        List<Duration> buckets = new ArrayList<>(values.length);
        for (double value : values) {
            buckets.add(Duration.ofNanos(Math.round(value * 1e9)));
        }
        return List.copyOf(buckets);
    }
}
