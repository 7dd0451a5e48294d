package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.workflow.perf.model.Multipliers;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.WarmupResult;
import io.workflow.perf.report.document.BarChart;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;
import io.workflow.perf.report.document.Unit;

/** Section 3: the headline level side by side, the multipliers between targets, the client ceiling, the warm-up. */
final class SummarySection {

    static final String TITLE = "3. Overall Performance Summary";

    private SummarySection() {
    }

    static Section of(ReportView view, int level) {
        List<PhaseResult> columns = view.columns(level);
        return Section.parent(TITLE, List.of(
                Section.of("3.1 Head-to-Head Comparison (" + Format.count(level) + " Concurrent Users)", SummaryTables.overall(columns)),
                Section.of("3.2 Performance Multipliers", multipliers(view.multipliers(level))),
                Section.of("3.3 Client Ceiling", CeilingBlocks.of(view, level)),
                Section.of("3.4 Warm-up", warmups(columns))));
    }

    private static List<Block> multipliers(List<Multipliers> multipliers) {
        if (multipliers.isEmpty()) {
            return List.of(new Paragraph("One contender at this level: no multipliers between targets."));
        }
        List<Block> blocks = new ArrayList<>();
        for (Multipliers m : multipliers) {
            blocks.add(BarChart.horizontal(m.target() + " vs " + m.baseline() + " (above 1× means " + m.target() + " is better)",
                    List.of("Throughput", "Wall Time", "Mean Latency", "P50 Latency", "P99 Latency", "Min Latency"),
                    // a ratio without a denominator stays null: no bar rather than a zero
                    List.of(new BarChart.Series("multiplier", Arrays.asList(m.throughput(), m.wallTime(), m.meanLatency(),
                            m.p50Latency(), m.p99Latency(), m.minLatency()))),
                    Unit.TIMES));
        }
        Table.Builder table = Table.builder("Comparison", "Throughput", "Wall Time", "Mean", "P50", "P90", "P95", "P99", "Min", "Max");
        for (Multipliers m : multipliers) {
            table.row(m.target() + " vs " + m.baseline(), Format.times(m.throughput()), Format.times(m.wallTime()),
                    Format.times(m.meanLatency()), Format.times(m.p50Latency()), Format.times(m.p90Latency()),
                    Format.times(m.p95Latency()), Format.times(m.p99Latency()), Format.times(m.minLatency()), Format.times(m.maxLatency()));
        }
        blocks.add(table.build());
        return blocks;
    }

    private static List<Block> warmups(List<PhaseResult> phases) {
        Table.Builder table = Table.builder("Target", "Rounds", "Users per round", "Requests", "Failed", "Wall Time", "Last round req/s");
        for (PhaseResult phase : phases) {
            WarmupResult w = phase.warmup();
            if (w != null) {
                table.row(phase.target(), Format.count(w.rounds()), Format.count(w.users()), Format.count(w.sent()), Format.count(w.failed()),
                        Format.seconds(w.wallSeconds()), Format.rate(w.requestsPerSecond()));
            }
        }
        if (table.isEmpty()) {
            return List.of(new Paragraph("Warm-up was off."));
        }
        return List.of(table.build(), new Paragraph("Warm-up requests are not part of any other figure."));
    }
}
