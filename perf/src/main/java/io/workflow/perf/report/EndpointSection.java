package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.report.document.BarChart;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;
import io.workflow.perf.report.document.Unit;

/** Section 7: each of the seven endpoints at the headline level. */
final class EndpointSection {

    static final String TITLE = "7. Per-Endpoint Deep Dive";

    private EndpointSection() {
    }

    static Section of(ReportView view, int level) {
        List<PhaseResult> columns = view.columns(level);
        return Section.parent(TITLE, List.of(
                Section.of("7.1 Summary Table", SummaryTables.endpoints(columns)),
                Section.of("7.2 Performance by Category", categories(columns, view.contenders(level))),
                Section.of("7.3 Endpoint Latency Visualization (mean)", bars(columns, e -> e.latency().meanMs(), "Mean latency per endpoint"))));
    }

    /** The endpoints grouped by what they touch (static, db read, db write...), mean latency per target. */
    private static Table categories(List<PhaseResult> columns, List<PhaseResult> contenders) {
        boolean change = contenders.size() >= 2;
        List<String> header = new ArrayList<>(List.of("Category", "Endpoint"));
        columns.forEach(p -> header.add(p.target() + " mean"));
        if (change) {
            header.add(contenders.get(1).target() + " vs " + contenders.getFirst().target());
        }
        Table.Builder table = Table.builder(header);
        List<EndpointResult> reference = columns.getFirst().endpoints();
        List<String> categories = reference.stream().map(EndpointResult::category).distinct().toList();
        for (String category : categories) {
            for (int i = 0; i < reference.size(); i++) {
                if (!reference.get(i).category().equals(category)) {
                    continue;
                }
                int index = i;
                List<String> cells = new ArrayList<>(List.of(category, reference.get(i).endpoint()));
                columns.forEach(p -> cells.add(Format.ms(p.endpoints().get(index).latency().meanMs())));
                if (change) {
                    cells.add(Format.change(contenders.get(0).endpoints().get(i).latency().meanMs(),
                            contenders.get(1).endpoints().get(i).latency().meanMs()));
                }
                table.row(cells);
            }
        }
        return table.build();
    }

    /** One bar per endpoint and target. */
    static BarChart bars(List<PhaseResult> columns, ToDoubleFunction<EndpointResult> value, String title) {
        List<String> labels = columns.getFirst().endpoints().stream().map(EndpointResult::endpoint).toList();
        List<BarChart.Series> series = new ArrayList<>();
        for (PhaseResult phase : columns) {
            series.add(new BarChart.Series(ReportView.columnName(phase),
                    phase.endpoints().stream().map(e -> value.applyAsDouble(e)).toList()));
        }
        return BarChart.horizontal(title, labels, series, Unit.MS);
    }
}
