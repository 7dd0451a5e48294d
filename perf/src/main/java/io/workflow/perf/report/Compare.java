package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import io.workflow.perf.model.CpuPerRequest;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.document.Table;
import io.workflow.perf.report.writer.TextWriter;

/**
 * {@code perf compare BASE.json NEW.json}: each phase of NEW against the phase of BASE with the same target, mode
 * and concurrency, metric by metric. A metric regresses when it got worse by more than its threshold.
 */
public final class Compare {

    /** Latency changes smaller than this are noise whatever their percentage. */
    static final double LATENCY_NOISE_MS = 1.0;

    public enum Verdict { IMPROVED, UNCHANGED, REGRESSED }

    /**
     * A compared figure: {@code threshold} is a relative change in percent, or for {@code absolute} metrics
     * (already percentages) a change in percentage points. A value of NaN is a figure the phase does not have.
     */
    public record Metric(String name, ToDoubleFunction<PhaseResult> value, boolean higherIsBetter, double threshold,
                         boolean absolute, boolean latency) {

        public Metric withThreshold(double newThreshold) {
            return new Metric(name, value, higherIsBetter, newThreshold, absolute, latency);
        }
    }

    /** One metric of one phase compared. */
    public record Row(String phase, String metric, double base, double current, double change, double threshold,
                      boolean absolute, Verdict verdict) {
    }

    /** All rows, the phases found in only one report, and the overall outcome. */
    public record Result(List<Row> rows, List<String> unmatched) {

        public boolean regressed() {
            return rows.stream().anyMatch(row -> row.verdict() == Verdict.REGRESSED);
        }
    }

    private Compare() {
    }

    public static List<Metric> defaultMetrics() {
        return List.of(
                new Metric("throughput_rps", p -> p.throughput().requestsPerSecond(), true, 10, false, false),
                new Metric("mean_ms", p -> p.latency().meanMs(), false, 15, false, true),
                new Metric("p50_ms", p -> p.latency().p50Ms(), false, 15, false, true),
                new Metric("p90_ms", p -> p.latency().p90Ms(), false, 20, false, true),
                new Metric("p95_ms", p -> p.latency().p95Ms(), false, 20, false, true),
                new Metric("p99_ms", p -> p.latency().p99Ms(), false, 25, false, true),
                new Metric("error_rate_pct", p -> p.errors().ratePercent(), false, 1, true, false),
                new Metric("users_completed_pct", PhaseResult::usersCompletedPercent, true, 1, true, false),
                new Metric("runs_succeeded_pct", p -> p.completion().triggered() == 0 ? 100
                        : 100.0 * p.completion().success() / p.completion().triggered(), true, 1, true, false),
                new Metric("cpu_us_per_request", Compare::cpuMicrosPerRequest, false, 20, false, false));
    }

    /** The total CPU of the sampled processes per successful request; NaN where nothing was sampled or served. */
    private static double cpuMicrosPerRequest(PhaseResult phase) {
        Double micros = CpuPerRequest.of(phase).totalMicros();
        return micros == null ? Double.NaN : micros;
    }

    public static Result compare(RunReport base, RunReport current, List<Metric> metrics) {
        List<Row> rows = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (PhaseResult now : current.phases()) {
            Optional<PhaseResult> before = base.phases().stream().filter(p -> key(p).equals(key(now))).findFirst();
            if (before.isEmpty()) {
                unmatched.add(key(now) + " (only in NEW)");
                continue;
            }
            for (Metric metric : metrics) {
                double was = metric.value().applyAsDouble(before.get());
                double is = metric.value().applyAsDouble(now);
                if (Double.isNaN(was) || Double.isNaN(is)) {
                    unmatched.add(key(now) + " " + metric.name() + " (no figure in " + (Double.isNaN(was) ? "BASE" : "NEW") + ")");
                } else {
                    rows.add(row(key(now), metric, was, is));
                }
            }
        }
        base.phases().stream().filter(p -> current.phases().stream().noneMatch(n -> key(n).equals(key(p))))
                .forEach(p -> unmatched.add(key(p) + " (only in BASE)"));
        return new Result(rows, unmatched);
    }

    private static Row row(String phase, Metric metric, double base, double current) {
        double change = metric.absolute() ? current - base : base == 0 ? (current == 0 ? 0 : Double.POSITIVE_INFINITY) : 100.0 * (current - base) / base;
        double worse = metric.higherIsBetter() ? -change : change;
        boolean noise = metric.latency() && Math.abs(current - base) < LATENCY_NOISE_MS;
        Verdict verdict;
        if (!noise && worse > metric.threshold()) {
            verdict = Verdict.REGRESSED;
        } else if (!noise && -worse > metric.threshold()) {
            verdict = Verdict.IMPROVED;
        } else {
            verdict = Verdict.UNCHANGED;
        }
        return new Row(phase, metric.name(), base, current, change, metric.threshold(), metric.absolute(), verdict);
    }

    static String key(PhaseResult phase) {
        return phase.target() + " " + phase.mode() + " " + phase.concurrency();
    }

    public static String render(Result result) {
        Table.Builder table = Table.builder("Phase", "Metric", "Base", "New", "Change", "Threshold", "Verdict");
        for (Row row : result.rows()) {
            table.row(row.phase(), row.metric(), number(row.base()), number(row.current()),
                    row.absolute() ? String.format(Locale.ROOT, "%+.2f pp", row.change())
                            : Double.isInfinite(row.change()) ? "+inf%" : String.format(Locale.ROOT, "%+.1f%%", row.change()),
                    (row.absolute() ? String.format(Locale.ROOT, "%.1f pp", row.threshold()) : String.format(Locale.ROOT, "%.0f%%", row.threshold())),
                    row.verdict().name());
        }
        StringBuilder out = new StringBuilder(TextWriter.table(table.build(), ""));
        result.unmatched().forEach(phase -> out.append("not compared: ").append(phase).append('\n'));
        long regressed = result.rows().stream().filter(r -> r.verdict() == Verdict.REGRESSED).count();
        long improved = result.rows().stream().filter(r -> r.verdict() == Verdict.IMPROVED).count();
        out.append(String.format(Locale.ROOT, "%nverdict: %s — %d regressed, %d improved, %d unchanged%n",
                result.regressed() ? "REGRESSED" : "OK", regressed, improved, result.rows().size() - regressed - improved));
        return out.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
