package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.LatencySummary;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.Table;

/** The seed's two main tables, overall summary and per endpoint, for the report's sections and the console. */
final class SummaryTables {

    private SummaryTables() {
    }

    static Table overall(List<PhaseResult> columns) {
        List<PhaseResult> contenders = columns.stream().filter(p -> !p.stub()).toList();
        List<String> header = new ArrayList<>();
        header.add("Metric");
        columns.forEach(p -> header.add(ReportView.columnName(p)));
        header.add("Winner");
        Table.Builder table = Table.builder(header);
        row(table, columns, contenders, "Total Requests", p -> Format.count(p.requests().sent()), null, true, null);
        row(table, columns, contenders, "Successful",
                p -> Format.count(p.requests().succeeded()) + " (" + Format.percent(p.successPercent()) + ")",
                PhaseResult::successPercent, true, Format::percent);
        row(table, columns, contenders, "Failed",
                p -> Format.count(p.requests().failed()) + " (" + Format.percent(p.errors().ratePercent()) + ")",
                p -> p.errors().ratePercent(), false, Format::percent);
        row(table, columns, contenders, "Not Sent (flow aborted)", p -> Format.count(p.requests().notSent()), null, true, null);
        row(table, columns, contenders, "Users Completed",
                p -> Format.count(p.users().completed()) + "/" + Format.count(p.users().total()),
                PhaseResult::usersCompletedPercent, true, Format::percent);
        row(table, columns, contenders, "Wall Time", p -> Format.seconds(p.wallSeconds()),
                PhaseResult::wallSeconds, false, Format::seconds);
        row(table, columns, contenders, "Throughput (req/s)", p -> Format.rate(p.throughput().requestsPerSecond()),
                p -> p.throughput().requestsPerSecond(), true, Format::rate);
        row(table, columns, contenders, "Effective (OK req/s)", p -> Format.rate(p.throughput().successfulPerSecond()),
                p -> p.throughput().successfulPerSecond(), true, Format::rate);
        for (LatencyMeasure measure : LatencyMeasure.values()) {
            if (measure != LatencyMeasure.P999) {
                row(table, columns, contenders, measure.label + " Latency", p -> Format.ms(measure.value.applyAsDouble(p.latency())),
                        p -> measure.value.applyAsDouble(p.latency()), false, Format::ms);
            }
        }
        row(table, columns, contenders, "Runs Succeeded",
                p -> Format.count(p.completion().success()) + "/" + Format.count(p.completion().triggered()),
                p -> ratio(p.completion().success(), p.completion().triggered()), true, v -> Format.percent(100 * v));
        row(table, columns, contenders, "Runs Never Finished", p -> Format.count(p.completion().neverFinished()),
                p -> p.completion().neverFinished(), false, v -> Format.count((long) v));
        return table.build();
    }

    static Table endpoints(List<PhaseResult> columns) {
        List<PhaseResult> contenders = columns.stream().filter(p -> !p.stub()).toList();
        boolean change = contenders.size() >= 2;
        List<String> header = new ArrayList<>();
        header.add("Endpoint");
        for (PhaseResult phase : columns) {
            header.add(phase.target() + " Mean");
            header.add(phase.target() + " P99");
        }
        if (change) {
            header.add(contenders.get(1).target() + " vs " + contenders.getFirst().target());
        }
        header.add("Category");
        Table.Builder table = Table.builder(header);
        List<EndpointResult> reference = columns.getFirst().endpoints();
        for (int i = 0; i < reference.size(); i++) {
            List<String> cells = new ArrayList<>();
            cells.add(reference.get(i).endpoint());
            for (PhaseResult phase : columns) {
                LatencySummary latency = phase.endpoints().get(i).latency();
                cells.add(Format.ms(latency.meanMs()));
                cells.add(Format.ms(latency.p99Ms()));
            }
            if (change) {
                cells.add(Format.change(contenders.getFirst().endpoints().get(i).latency().meanMs(),
                        contenders.get(1).endpoints().get(i).latency().meanMs()));
            }
            cells.add(reference.get(i).category());
            table.row(cells);
        }
        return table.build();
    }

    private static void row(Table.Builder table, List<PhaseResult> columns, List<PhaseResult> contenders, String name,
                            Function<PhaseResult, String> cell, ToDoubleFunction<PhaseResult> metric,
                            boolean higherIsBetter, DoubleFunction<String> printed) {
        List<String> cells = new ArrayList<>();
        cells.add(name);
        columns.forEach(p -> cells.add(cell.apply(p)));
        cells.add(metric == null ? "" : ReportView.winner(contenders, metric, higherIsBetter, printed));
        table.row(cells);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
