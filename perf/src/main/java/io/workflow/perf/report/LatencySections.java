package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;

import io.workflow.perf.model.HistogramBucket;
import io.workflow.perf.model.LatencySummary;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.report.document.BarChart;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.LineChart;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;
import io.workflow.perf.report.document.Unit;

/** Sections 4 and 8: how the latencies of the headline level are distributed, overall and per endpoint. */
final class LatencySections {

    static final String LATENCY = "4. Latency Analysis";
    static final String PERCENTILES = "8. Percentile Distribution";

    private LatencySections() {
    }

    static Section latency(ReportView view, int level) {
        List<PhaseResult> columns = view.columns(level);
        List<Block> histograms = new ArrayList<>();
        for (PhaseResult phase : columns) {
            List<String> labels = new ArrayList<>();
            List<Double> counts = new ArrayList<>();
            for (HistogramBucket bucket : phase.latency().histogram()) {
                labels.add(Format.ms(bucket.fromMs()) + " – " + Format.ms(bucket.toMs()));
                counts.add((double) bucket.count());
            }
            histograms.add(new BarChart(ReportView.columnName(phase) + " — " + Format.count(phase.latency().count())
                    + " requests by latency", labels, List.of(new BarChart.Series(phase.target(), counts)), Unit.COUNT, true));
        }
        List<String> percentiles = new ArrayList<>();
        for (double percentile : LatencySummary.LADDER) {
            percentiles.add(Format.percentile(percentile));
        }
        List<LineChart.Line> lines = new ArrayList<>();
        for (PhaseResult phase : columns) {
            List<LineChart.Point> points = new ArrayList<>();
            for (int i = 0; i < phase.latency().ladder().size(); i++) {
                points.add(new LineChart.Point(i, phase.latency().ladder().get(i).ms()));
            }
            lines.add(new LineChart.Line(ReportView.columnName(phase), points));
        }
        return Section.parent(LATENCY, List.of(
                Section.of("4.1 Latency Distribution (all requests)", histograms),
                Section.of("4.2 Percentile Ladder",
                        new LineChart("Percentile ladder (ms)", "percentile", Unit.NONE, Unit.MS, lines, percentiles),
                        ladder(columns, view.contenders(level)))));
    }

    private static Table ladder(List<PhaseResult> columns, List<PhaseResult> contenders) {
        boolean ratio = contenders.size() == 2;
        List<String> header = new ArrayList<>();
        header.add("Percentile");
        columns.forEach(p -> header.add(ReportView.columnName(p)));
        if (ratio) {
            header.add("Ratio " + contenders.get(0).target() + "/" + contenders.get(1).target());
        }
        Table.Builder ladder = Table.builder(header);
        for (int i = 0; i < LatencySummary.LADDER.length; i++) {
            int index = i;
            List<String> cells = new ArrayList<>();
            cells.add(Format.percentile(LatencySummary.LADDER[i]));
            columns.forEach(phase -> cells.add(phase.latency().ladder().isEmpty() ? "—" : Format.ms(ladderAt(phase, index))));
            if (ratio) {
                cells.add(ratio(ladderAt(contenders.get(0), i), ladderAt(contenders.get(1), i)));
            }
            ladder.row(cells);
        }
        return ladder.build();
    }

    private static double ladderAt(PhaseResult phase, int index) {
        return phase.latency().ladder().isEmpty() ? 0 : phase.latency().ladder().get(index).ms();
    }

    private static String ratio(double numerator, double denominator) {
        return denominator == 0 ? "n/a" : Format.times(numerator / denominator);
    }

    static Section percentiles(ReportView view, int level) {
        List<PhaseResult> columns = view.columns(level);
        List<PhaseResult> contenders = view.contenders(level);
        boolean ratio = contenders.size() == 2;
        List<String> header = new ArrayList<>();
        header.add("Percentile");
        columns.forEach(p -> header.add(ReportView.columnName(p)));
        if (ratio) {
            header.add("Ratio");
        }
        Table.Builder table = Table.builder(header);
        for (LatencyMeasure measure : LatencyMeasure.values()) {
            List<String> cells = new ArrayList<>();
            cells.add(measure.label);
            columns.forEach(p -> cells.add(Format.ms(measure.value.applyAsDouble(p.latency()))));
            if (ratio) {
                cells.add(ratio(measure.value.applyAsDouble(contenders.get(0).latency()),
                        measure.value.applyAsDouble(contenders.get(1).latency())));
            }
            table.row(cells);
        }
        Bullets spread = Bullets.of(columns.stream().map(p -> p.target() + ": max is " + ratio(p.latency().maxMs(), p.latency().p50Ms())
                + " the P50, P99 is " + ratio(p.latency().p99Ms(), p.latency().p50Ms()) + " the P50").toList());
        return Section.parent(PERCENTILES, List.of(
                Section.of("8.1 Full Percentile Table (all requests)", table.build(), spread),
                Section.of("8.2 P99 Per Endpoint", EndpointSection.bars(columns, e -> e.latency().p99Ms(), "P99 latency per endpoint"))));
    }
}
