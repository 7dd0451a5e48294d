package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.ResourcePoint;
import io.workflow.perf.model.ResourceUsage;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.LineChart;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;
import io.workflow.perf.report.document.Unit;

/**
 * Section 9: the scorecard of the headline level, what the processes used, the CPU they spent per request, and the
 * verdict in sentences.
 */
final class VerdictSection {

    static final String TITLE = "9. Comparative Verdict";
    private static final String PHASE_TIME = "seconds since the phase started";

    private VerdictSection() {
    }

    static Section of(ReportView view, int level) {
        List<PhaseResult> contenders = view.contenders(level);
        List<Scorecard.Row> rows = Scorecard.rows(contenders);
        List<String> header = new ArrayList<>();
        header.add("Category");
        contenders.forEach(p -> header.add(p.target()));
        header.add("Winner");
        Table.Builder scorecard = Table.builder(header);
        for (Scorecard.Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(row.category());
            cells.addAll(row.values());
            cells.add(row.winner());
            scorecard.row(cells);
        }
        return Section.parent(TITLE, List.of(
                Section.of("9.1 Scorecard (measured categories only)", scorecard.build()),
                Section.of("9.2 Resource Usage", resources(view.columns(level))),
                Section.of("9.3 CPU per Request (every load level)", CpuTable.of(view.report()), new Paragraph(CpuTable.EXPLANATION)),
                Section.of("9.4 Verdict", Bullets.of(VerdictLines.of(view, level, rows)))));
    }

    private static List<Block> resources(List<PhaseResult> phases) {
        Table.Builder table = Table.builder("Phase", "Process", "PIDs", "Samples", "CPU mean", "CPU max", "RSS mean", "RSS max");
        for (PhaseResult phase : phases) {
            for (ResourceUsage r : phase.resources()) {
                table.row(phase.target(), r.name(), String.join(",", r.pids().stream().map(String::valueOf).toList()),
                        Integer.toString(r.samples()), Format.cpu(r.cpuPercentMean()), Format.cpu(r.cpuPercentMax()),
                        Format.mb(r.rssMbMean()), Format.mb(r.rssMbMax()));
            }
        }
        if (table.isEmpty()) {
            return List.of(new Paragraph("No processes were sampled."));
        }
        return List.of(table.build(),
                new Paragraph("CPU: 100% is one core busy; sampled from /proc every interval, with children."),
                LineChart.of("CPU (100% = one core)", PHASE_TIME, Unit.SECONDS, Unit.CPU, series(phases, ResourcePoint::cpuPercent)),
                LineChart.of("Resident memory", PHASE_TIME, Unit.SECONDS, Unit.MB, series(phases, ResourcePoint::rssMb)));
    }

    private static List<LineChart.Line> series(List<PhaseResult> phases, Function<ResourcePoint, Double> value) {
        List<LineChart.Line> lines = new ArrayList<>();
        for (PhaseResult phase : phases) {
            for (ResourceUsage usage : phase.resources()) {
                lines.add(new LineChart.Line(phase.target() + ": " + usage.name(), usage.series().stream()
                        .map(r -> new LineChart.Point(r.tSeconds(), value.apply(r))).toList()));
            }
        }
        return lines;
    }
}
