package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.workflow.perf.model.CompletionResult;
import io.workflow.perf.model.ErrorKindCount;
import io.workflow.perf.model.LatencySummary;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Block.Preformatted;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;

/** Section 6: what failed at the headline level, how, whom it stopped, and what became of the triggered runs. */
final class ErrorSection {

    static final String TITLE = "6. Error Analysis";

    private ErrorSection() {
    }

    static Section of(ReportView view, int level) {
        List<PhaseResult> columns = view.columns(level);
        Table.Builder rates = Table.builder("Target", "Requests", "OK", "Failed", "Not sent", "Success", "Error rate");
        for (PhaseResult phase : columns) {
            rates.row(phase.target(), Format.count(phase.requests().sent()), Format.count(phase.requests().succeeded()),
                    Format.count(phase.requests().failed()), Format.count(phase.requests().notSent()),
                    Format.percent(phase.successPercent()), Format.percent(phase.errors().ratePercent()));
        }
        return Section.parent(TITLE, List.of(
                Section.of("6.1 Error Rate Comparison", rates.build()),
                Section.of("6.2 Errors by Kind", kinds(columns)),
                Section.of("6.3 Error Impact on Users",
                        new Paragraph("Out of " + Format.count(level) + " simulated users:"),
                        Bullets.of(columns.stream().map(p -> p.target() + ": " + Format.count(p.users().completed()) + "/"
                                + Format.count(p.users().total()) + " users completed the full flow ("
                                + Format.percent(p.usersCompletedPercent()) + "); all done within " + Format.seconds(p.wallSeconds())).toList())),
                Section.of("6.4 Run Completion (beyond the seed)",
                        new Paragraph("After each phase every triggered run was polled until terminal. Trigger-to-terminal is measured by the "
                                + "driver, from sending the trigger to first seeing a terminal status (resolution: the poll interval, and the "
                                + "poller starts when the phase ends); server duration is `completed_at − started_at` as the service reported it."),
                        completion(columns))));
    }

    private static List<Block> kinds(List<PhaseResult> columns) {
        List<Block> blocks = new ArrayList<>();
        for (PhaseResult phase : columns) {
            if (phase.errors().kinds().isEmpty()) {
                continue;
            }
            blocks.add(new Paragraph(phase.target() + " — " + Format.count(phase.errors().total()) + " errors"));
            Table.Builder table = Table.builder("Kind", "Count", "Share", "Endpoints");
            StringBuilder samples = new StringBuilder();
            for (ErrorKindCount kind : phase.errors().kinds()) {
                table.row(kind.label(), Format.count(kind.count()), Format.percent(100.0 * kind.count() / phase.errors().total()),
                        endpoints(kind.byEndpoint()));
                kind.samples().forEach(sample -> samples.append(kind.label()).append(": ").append(sample.replace("\n", " ")).append('\n'));
            }
            blocks.add(table.build());
            blocks.add(new Paragraph("Samples:"));
            blocks.add(Preformatted.of(samples.toString()));
        }
        return blocks.isEmpty() ? List.of(new Paragraph("No errors in any phase at this level.")) : blocks;
    }

    private static String endpoints(Map<String, Long> byEndpoint) {
        List<String> parts = new ArrayList<>();
        byEndpoint.forEach((endpoint, count) -> parts.add(endpoint + " " + Format.count(count)));
        return String.join(", ", parts);
    }

    private static Table completion(List<PhaseResult> phases) {
        Table.Builder table = Table.builder("Target", "Triggered", "Success", "Failed", "Never finished",
                "Waited", "Trigger→terminal P50", "P90", "P99", "Max", "Server duration P50", "Server duration P99");
        for (PhaseResult phase : phases) {
            CompletionResult c = phase.completion();
            LatencySummary t = c.triggerToTerminal();
            LatencySummary server = c.serverDuration();
            table.row(phase.target(), Format.count(c.triggered()), Format.count(c.success()), Format.count(c.failed()),
                    Format.count(c.neverFinished()), Format.seconds(c.waitedSeconds()), Format.ms(t.p50Ms()), Format.ms(t.p90Ms()),
                    Format.ms(t.p99Ms()), Format.ms(t.maxMs()), server == null ? "—" : Format.ms(server.p50Ms()),
                    server == null ? "—" : Format.ms(server.p99Ms()));
        }
        return table.build();
    }
}
