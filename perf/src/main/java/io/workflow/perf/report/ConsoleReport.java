package io.workflow.perf.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import io.workflow.perf.model.ErrorKindCount;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Document;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.writer.TextWriter;

/** What the console shows: a short line block after each phase, the seed's two tables at the end. */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    public static void phase(PrintStream out, PhaseResult phase) {
        out.printf("[%s] done: %s requests in %s = %s req/s, %s failed, users completed %s/%s, p50 %s, p99 %s%n",
                phase.target(), Format.count(phase.requests().sent()), Format.seconds(phase.wallSeconds()),
                Format.rate(phase.throughput().requestsPerSecond()), Format.count(phase.requests().failed()),
                Format.count(phase.users().completed()), Format.count(phase.users().total()),
                Format.ms(phase.latency().p50Ms()), Format.ms(phase.latency().p99Ms()));
        for (ErrorKindCount kind : phase.errors().kinds()) {
            out.printf("[%s]   %s: %s%s%n", phase.target(), kind.label(), Format.count(kind.count()),
                    kind.samples().isEmpty() ? "" : " e.g. " + kind.samples().getFirst());
        }
        var completion = phase.completion();
        if (completion.triggered() > 0) {
            out.printf("[%s] runs: %s triggered, %s success, %s failed, %s never finished (waited %s)%n", phase.target(),
                    Format.count(completion.triggered()), Format.count(completion.success()),
                    Format.count(completion.failed()), Format.count(completion.neverFinished()),
                    Format.seconds(completion.waitedSeconds()));
        }
        if (phase.openLoop() != null) {
            out.printf("[%s] open loop: %s scheduled, %s started, %s dropped%n", phase.target(),
                    Format.count(phase.openLoop().scheduled()), Format.count(phase.openLoop().started()),
                    Format.count(phase.openLoop().dropped()));
        }
    }

    /** The seed's two tables and the client-ceiling check of every load level, then the CPU per request. */
    public static void summary(PrintStream out, RunReport report) {
        ReportView view = new ReportView(report);
        List<Section> sections = new ArrayList<>();
        for (int level : view.levels()) {
            String users = Format.count(level) + " concurrent users";
            sections.add(Section.of("OVERALL PERFORMANCE SUMMARY — " + users, SummaryTables.overall(view.columns(level))));
            sections.add(Section.of("PER-ENDPOINT PERFORMANCE — " + users, SummaryTables.endpoints(view.columns(level)),
                    new Bullets(CeilingBlocks.headroom(view.ceilings(level)))));
        }
        sections.add(Section.of("CPU PER REQUEST — every phase", CpuTable.of(report)));
        out.print(TextWriter.render(new Document("", List.of(), sections)));
    }
}
