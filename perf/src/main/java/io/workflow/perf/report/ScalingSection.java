package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.workflow.perf.model.ErrorKindCount;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.LineChart;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;
import io.workflow.perf.report.document.Unit;

/** Section 10: every other load level as the headline's, then each target's key figures across the levels. */
final class ScalingSection {

    static final String TITLE = "10. Scaling — Concurrent Users Sweep";

    private ScalingSection() {
    }

    static Section of(ReportView view, int headline) {
        List<Integer> levels = view.levels();
        if (levels.size() < 2) {
            return Section.of(TITLE, new Paragraph("Only one load level was run (" + Format.count(headline)
                    + " users). Run with `--sweep 100,1000,10000` for the scaling comparison."));
        }
        List<Section> subsections = new ArrayList<>();
        int n = 1;
        for (int level : levels) {
            if (level == headline) {
                continue;
            }
            List<PhaseResult> columns = view.columns(level);
            String users = Format.count(level);
            subsections.add(Section.of("10." + n++ + " " + users + " Concurrent Users — Overall Results", SummaryTables.overall(columns)));
            subsections.add(Section.of("10." + n++ + " Per-Endpoint Breakdown (" + users + ")", SummaryTables.endpoints(columns)));
            subsections.add(Section.of("10." + n++ + " Error Analysis (" + users + ")", errors(columns)));
            subsections.add(Section.of("10." + n++ + " Client Ceiling (" + users + ")", CeilingBlocks.of(view, level)));
        }
        subsections.add(Section.of("10." + n + " Scaling Comparison", table(view),
                LineChart.of("Throughput (req/s)", "concurrent users", Unit.COUNT, Unit.RATE,
                        byLevel(view, p -> p.throughput().requestsPerSecond())),
                LineChart.of("P99 latency", "concurrent users", Unit.COUNT, Unit.MS,
                        byLevel(view, p -> p.latency().p99Ms()))));
        return Section.parent(TITLE, subsections);
    }

    private static Bullets errors(List<PhaseResult> columns) {
        List<String> lines = new ArrayList<>();
        for (PhaseResult phase : columns) {
            lines.add(phase.target() + ": " + Format.count(phase.errors().total()) + " errors (" + Format.percent(phase.errors().ratePercent()) + ")");
            for (ErrorKindCount kind : phase.errors().kinds()) {
                lines.add(phase.target() + ": " + Format.percent(100.0 * kind.count() / phase.errors().total()) + " " + kind.label()
                        + " (" + Format.count(kind.count()) + ")");
            }
        }
        return Bullets.of(lines);
    }

    /** The seed's "1K vs 10K" table: each target's key figures side by side for every load level. */
    private static Table table(ReportView view) {
        List<PhaseResult> columns = new ArrayList<>();
        for (String target : targets(view)) {
            for (int level : view.levels()) {
                view.phases(level).stream().filter(p -> p.target().equals(target)).findFirst().ifPresent(columns::add);
            }
        }
        List<String> header = new ArrayList<>();
        header.add("Metric");
        columns.forEach(p -> header.add(Format.count(p.concurrency()) + " " + p.target()));
        Table.Builder table = Table.builder(header);
        row(table, columns, "Error Rate", p -> Format.percent(p.errors().ratePercent()));
        row(table, columns, "Throughput (req/s)", p -> Format.rate(p.throughput().requestsPerSecond()));
        row(table, columns, "Mean Latency", p -> Format.ms(p.latency().meanMs()));
        row(table, columns, "P99 Latency", p -> Format.ms(p.latency().p99Ms()));
        row(table, columns, "Wall Time", p -> Format.seconds(p.wallSeconds()));
        row(table, columns, "Users Completed", p -> Format.percent(p.usersCompletedPercent()));
        row(table, columns, "Runs Succeeded", p -> Format.count(p.completion().success()) + "/" + Format.count(p.completion().triggered()));
        return table.build();
    }

    private static void row(Table.Builder table, List<PhaseResult> columns, String name, Function<PhaseResult, String> cell) {
        List<String> cells = new ArrayList<>();
        cells.add(name);
        columns.forEach(p -> cells.add(cell.apply(p)));
        table.row(cells);
    }

    private static List<String> targets(ReportView view) {
        return view.report().phases().stream().map(PhaseResult::target).distinct().toList();
    }

    private static List<LineChart.Line> byLevel(ReportView view, ToDoubleFunction<PhaseResult> value) {
        return targets(view).stream().map(target -> new LineChart.Line(target, view.report().phases().stream()
                .filter(p -> p.target().equals(target)).sorted(Comparator.comparingInt(PhaseResult::concurrency))
                .map(p -> new LineChart.Point(p.concurrency(), value.applyAsDouble(p))).toList())).toList();
    }
}
