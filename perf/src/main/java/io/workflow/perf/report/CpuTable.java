package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.workflow.perf.model.CpuPerRequest;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.Table;

/** CPU per request: every phase of every load level, one column per sampled process group, their total and its ratio. */
final class CpuTable {

    static final String EXPLANATION = "CPU time each sampled process group (with its children) spent in the measured phase, "
            + "divided by the phase's successful requests. Warm-up, gaps and the polling for run completion are not in it, nor "
            + "what the workers do for triggered runs after the phase ended. The last column sets the total against the "
            + "driver's own CPU per request against the stub at the same load, measured in the same run: how many times what "
            + "the driver alone needs the whole system spends per request (this project aims at 6 or less).";

    private CpuTable() {
    }

    /** The table, or a line saying there is none. */
    static Block of(RunReport report) {
        Set<String> groups = new LinkedHashSet<>();
        report.cpuPerRequest().forEach(c -> c.groups().forEach(g -> groups.add(g.name())));
        return groups.isEmpty() ? new Paragraph("No processes were sampled.") : table(report.cpuPerRequest(), groups);
    }

    private static Table table(List<CpuPerRequest> rows, Set<String> groups) {
        List<String> header = new ArrayList<>(List.of("Phase", "Users"));
        header.addAll(groups);
        header.addAll(List.of("Total", "Driver on stub", "Total ÷ driver on stub"));
        Table.Builder table = Table.builder(header);
        for (CpuPerRequest c : rows) {
            List<String> cells = new ArrayList<>(List.of(c.target(), Format.count(c.concurrency())));
            // a group sampled in another run of a merged report has no figure here at all
            groups.forEach(g -> cells.add(c.groups().stream().filter(own -> own.name().equals(g)).findFirst()
                    .map(own -> Format.micros(own.micros())).orElse("—")));
            cells.add(Format.micros(c.totalMicros()));
            cells.add(c.driverOnStubMicros() == null ? "—" : Format.micros(c.driverOnStubMicros()));
            cells.add(c.ratioToDriverOnStub() == null ? "—" : Format.times(c.ratioToDriverOnStub()));
            table.row(cells);
        }
        return table.build();
    }
}
