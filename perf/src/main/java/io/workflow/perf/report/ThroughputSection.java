package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.workflow.perf.model.Multipliers;
import io.workflow.perf.model.OpenLoopResult;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.TimelinePoint;
import io.workflow.perf.report.document.BarChart;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.LineChart;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;
import io.workflow.perf.report.document.Unit;

/** Section 5: requests per second at the headline level, in all and successful, and over the phase's time. */
final class ThroughputSection {

    static final String TITLE = "5. Throughput Analysis";
    private static final String PHASE_TIME = "seconds since the phase started";

    private ThroughputSection() {
    }

    static Section of(ReportView view, int level) {
        List<PhaseResult> columns = view.columns(level);
        List<Block> comparison = new ArrayList<>();
        comparison.add(BarChart.horizontal("Throughput (req/s)", columns.stream().map(ReportView::columnName).toList(), List.of(
                new BarChart.Series("req/s", columns.stream().map(p -> p.throughput().requestsPerSecond()).toList()),
                new BarChart.Series("successful req/s", columns.stream().map(p -> p.throughput().successfulPerSecond()).toList())),
                Unit.RATE));
        List<Multipliers> multipliers = view.multipliers(level);
        if (!multipliers.isEmpty()) {
            comparison.add(Bullets.of(multipliers.stream()
                    .map(m -> m.target() + " vs " + m.baseline() + ": " + Format.times(m.throughput()) + " the throughput").toList()));
        }
        List<Section> subsections = new ArrayList<>(List.of(
                Section.of("5.1 Throughput Comparison", comparison),
                Section.of("5.2 Effective Throughput (Successful Only)",
                        new Paragraph("Effective throughput = successful requests / wall time."),
                        Bullets.of(columns.stream().map(p -> p.target() + ": " + Format.count(p.requests().succeeded()) + " / "
                                + Format.seconds(p.wallSeconds()) + " = " + Format.rate(p.throughput().successfulPerSecond())
                                + " effective req/s (" + Format.percent(p.successPercent()) + " success)").toList())),
                Section.of("5.3 Throughput and Errors over Time",
                        LineChart.of("Requests finished per second", PHASE_TIME, Unit.SECONDS, Unit.RATE,
                                timelines(columns, TimelinePoint::requestsPerSecond)),
                        LineChart.of("Errors per second", PHASE_TIME, Unit.SECONDS, Unit.RATE,
                                timelines(columns, TimelinePoint::errorsPerSecond)))));
        List<PhaseResult> openLoop = columns.stream().filter(p -> p.openLoop() != null).toList();
        if (!openLoop.isEmpty()) {
            subsections.add(Section.of("5.4 Open-Loop Schedule", openLoop(openLoop),
                    new Paragraph("Latencies of open-loop phases count from each iteration's scheduled start, "
                            + "so a late start is charged to the target (coordinated omission corrected).")));
        }
        return Section.parent(TITLE, subsections);
    }

    private static List<LineChart.Line> timelines(List<PhaseResult> phases, ToDoubleFunction<TimelinePoint> value) {
        return phases.stream().map(phase -> new LineChart.Line(phase.target(), phase.timeline().stream()
                .map(t -> new LineChart.Point(t.tSeconds(), value.applyAsDouble(t))).toList())).toList();
    }

    private static Table openLoop(List<PhaseResult> phases) {
        Table.Builder table = Table.builder("Target", "Rate (flows/s)", "Duration", "Max in flight", "Scheduled",
                "Started", "Dropped", "Start lag P50", "Start lag P99");
        for (PhaseResult phase : phases) {
            OpenLoopResult o = phase.openLoop();
            table.row(phase.target(), Format.rate(o.ratePerSecond()), Format.seconds(o.durationSeconds()),
                    Format.count(o.maxInFlight()), Format.count(o.scheduled()), Format.count(o.started()),
                    Format.count(o.dropped()), Format.ms(o.scheduleLag().p50Ms()), Format.ms(o.scheduleLag().p99Ms()));
        }
        return table.build();
    }
}
