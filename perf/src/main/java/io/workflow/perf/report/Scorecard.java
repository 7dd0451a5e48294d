package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.ResourceUsage;
import io.workflow.perf.report.document.Format;

/** The verdict's scorecard: one row per measured category, its value per contender and the winner. */
final class Scorecard {

    record Row(String category, List<String> values, String winner) {
    }

    private Scorecard() {
    }

    static List<Row> rows(List<PhaseResult> contenders) {
        List<Row> rows = new ArrayList<>();
        add(rows, contenders, "Throughput", p -> p.throughput().requestsPerSecond(), true, v -> Format.rate(v) + " req/s");
        add(rows, contenders, "Latency (median)", p -> p.latency().p50Ms(), false, Format::ms);
        add(rows, contenders, "Latency (P99)", p -> p.latency().p99Ms(), false, Format::ms);
        add(rows, contenders, "Error rate", p -> p.errors().ratePercent(), false, Format::percent);
        add(rows, contenders, "Users completing the flow", PhaseResult::usersCompletedPercent, true, Format::percent);
        if (contenders.stream().allMatch(p -> p.completion().triggered() > 0)) {
            add(rows, contenders, "Runs reaching success",
                    p -> 100.0 * p.completion().success() / p.completion().triggered(), true, Format::percent);
        }
        if (contenders.stream().allMatch(p -> p.completion().triggerToTerminal().count() > 0)) {
            add(rows, contenders, "Trigger to terminal (P50)", p -> p.completion().triggerToTerminal().p50Ms(), false, Format::ms);
        }
        if (contenders.stream().allMatch(p -> ownResources(p).isPresent())) {
            add(rows, contenders, "CPU (mean)", p -> ownResources(p).orElseThrow().cpuPercentMean(), false, Format::cpu);
            add(rows, contenders, "Memory (peak RSS)", p -> ownResources(p).orElseThrow().rssMbMax(), false, Format::mb);
        }
        return rows;
    }

    /** The sampled process group named like the target, if one was given with --sample-process. */
    static Optional<ResourceUsage> ownResources(PhaseResult phase) {
        return phase.resources().stream().filter(r -> r.name().equals(phase.target()) && r.samples() > 0).findFirst();
    }

    private static void add(List<Row> rows, List<PhaseResult> contenders, String category,
                            ToDoubleFunction<PhaseResult> metric, boolean higherIsBetter, DoubleFunction<String> printed) {
        List<String> values = contenders.stream().map(p -> printed.apply(metric.applyAsDouble(p))).toList();
        rows.add(new Row(category, values, winner(contenders, metric, higherIsBetter, printed)));
    }

    private static String winner(List<PhaseResult> contenders, ToDoubleFunction<PhaseResult> metric,
                                 boolean higherIsBetter, DoubleFunction<String> printed) {
        String name = ReportView.winner(contenders, metric, higherIsBetter, printed);
        if (contenders.size() < 2 || name.equals("Tie")) {
            return name;
        }
        Comparator<PhaseResult> order = Comparator.comparingDouble(metric);
        List<PhaseResult> ranked = contenders.stream().sorted(higherIsBetter ? order.reversed() : order).toList();
        double best = metric.applyAsDouble(ranked.get(0));
        double next = metric.applyAsDouble(ranked.get(1));
        double factor = higherIsBetter ? (next == 0 ? 0 : best / next) : (best == 0 ? 0 : next / best);
        return factor == 0 ? name : String.format(Locale.ROOT, "%s (%s better)", name, Format.times(factor));
    }
}
