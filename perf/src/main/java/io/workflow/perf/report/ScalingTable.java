package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.workflow.perf.model.PhaseResult;

/** The seed's "1K vs 10K" table: each target's key figures side by side for every load level. */
final class ScalingTable {

    private ScalingTable() {
    }

    static TextTable build(ReportView view) {
        List<PhaseResult> columns = new ArrayList<>();
        List<String> targets = view.report().phases().stream().map(PhaseResult::target).distinct().toList();
        for (String target : targets) {
            for (int level : view.levels()) {
                view.phases(level).stream().filter(p -> p.target().equals(target)).findFirst().ifPresent(columns::add);
            }
        }
        List<String> header = new ArrayList<>();
        header.add("Metric");
        columns.forEach(p -> header.add(Format.count(p.concurrency()) + " " + p.target()));
        TextTable table = new TextTable(header);
        row(table, columns, "Error Rate", p -> Format.percent(p.errors().ratePercent()));
        row(table, columns, "Throughput (req/s)", p -> Format.rate(p.throughput().requestsPerSecond()));
        row(table, columns, "Mean Latency", p -> Format.ms(p.latency().meanMs()));
        row(table, columns, "P99 Latency", p -> Format.ms(p.latency().p99Ms()));
        row(table, columns, "Wall Time", p -> Format.seconds(p.wallSeconds()));
        row(table, columns, "Users Completed", p -> Format.percent(p.usersCompletedPercent()));
        row(table, columns, "Runs Succeeded", p -> Format.count(p.completion().success()) + "/" + Format.count(p.completion().triggered()));
        return table;
    }

    private static void row(TextTable table, List<PhaseResult> columns, String name, Function<PhaseResult, String> cell) {
        List<String> cells = new ArrayList<>();
        cells.add(name);
        columns.forEach(p -> cells.add(cell.apply(p)));
        table.row(cells);
    }
}
