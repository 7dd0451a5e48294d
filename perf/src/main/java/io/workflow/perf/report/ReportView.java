package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.workflow.perf.model.CeilingCheck;
import io.workflow.perf.model.Multipliers;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.ReportSource;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.model.Settings;

/** The report model seen by load level: the headline level, its contenders, the stub, winners. */
final class ReportView {

    private final RunReport report;

    ReportView(RunReport report) {
        this.report = report;
    }

    RunReport report() {
        return report;
    }

    /** The load level of the main sections: the first one given. */
    int headline() {
        return report.phases().isEmpty() ? 0 : report.phases().getFirst().concurrency();
    }

    /** Every load level, ascending. */
    List<Integer> levels() {
        return report.phases().stream().map(PhaseResult::concurrency).distinct().sorted().toList();
    }

    List<PhaseResult> phases(int level) {
        return report.phases().stream().filter(p -> p.concurrency() == level).toList();
    }

    List<PhaseResult> contenders(int level) {
        return report.phases().stream().filter(p -> p.concurrency() == level && !p.stub()).toList();
    }

    /** The stubs at a level: one per run, so a merged report may have several. */
    List<PhaseResult> stubs(int level) {
        return report.phases().stream().filter(p -> p.concurrency() == level && p.stub()).toList();
    }

    /** Contenders first, then the stubs, so the ceiling stands beside the targets' figures. */
    List<PhaseResult> columns(int level) {
        List<PhaseResult> columns = new ArrayList<>(contenders(level));
        columns.addAll(stubs(level));
        return columns;
    }

    List<Multipliers> multipliers(int level) {
        return report.multipliers().stream().filter(m -> m.concurrency() == level).toList();
    }

    List<CeilingCheck> ceilings(int level) {
        return report.ceilings().stream().filter(c -> c.concurrency() == level).toList();
    }

    /** The ceiling checks of a level by the stub they compare with, in order: one group per run. */
    Map<String, List<CeilingCheck>> ceilingsByStub(int level) {
        Map<String, List<CeilingCheck>> groups = new LinkedHashMap<>();
        ceilings(level).forEach(c -> groups.computeIfAbsent(c.stub(), s -> new ArrayList<>()).add(c));
        return groups;
    }

    /**
     * A settings value as one text: the value, or in a merged report where the runs differ, each run's value
     * ({@code single: 5.00s; full: 2.00s}).
     */
    String perRun(Function<Settings, String> value) {
        if (!report.merged()) {
            return value.apply(report.settings());
        }
        Set<String> values = new LinkedHashSet<>();
        report.sources().forEach(s -> values.add(value.apply(s.settings())));
        if (values.size() == 1) {
            return values.iterator().next();
        }
        return String.join("; ", report.sources().stream().map(s -> s.name() + ": " + value.apply(s.settings())).toList());
    }

    /** The run a target of a merged report was measured in; empty for a report of one run. */
    Optional<ReportSource> source(String target) {
        return report.sources().stream().filter(s -> s.targets().containsValue(target)).findFirst();
    }

    static String columnName(PhaseResult phase) {
        return phase.stub() ? phase.target() + " (client ceiling)" : phase.target();
    }

    /**
     * The contender with the best value, "Tie" when the best are equal as printed, "—" with fewer than two.
     */
    static String winner(List<PhaseResult> contenders, ToDoubleFunction<PhaseResult> metric, boolean higherIsBetter,
                         DoubleFunction<String> printed) {
        if (contenders.size() < 2) {
            return "—";
        }
        PhaseResult best = contenders.getFirst();
        for (PhaseResult phase : contenders) {
            double value = metric.applyAsDouble(phase);
            double bestValue = metric.applyAsDouble(best);
            if (higherIsBetter ? value > bestValue : value < bestValue) {
                best = phase;
            }
        }
        String bestPrinted = printed.apply(metric.applyAsDouble(best));
        long equal = contenders.stream().filter(p -> printed.apply(metric.applyAsDouble(p)).equals(bestPrinted)).count();
        return equal > 1 ? "Tie" : best.target();
    }
}
