package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.workflow.perf.model.Environment;
import io.workflow.perf.model.ReportSource;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.document.Block.Preformatted;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;

/** Section 11: the exact command lines, machines and artifacts, to run it again. */
final class ReproducibilitySection {

    static final String TITLE = "11. Test Reproducibility";

    private ReproducibilitySection() {
    }

    static Section of(RunReport report) {
        return Section.parent(TITLE, List.of(
                Section.of("Running the Test", new Preformatted(commands(report), "bash")),
                Section.of(report.merged() ? "Environment of Each Run" : "Environment", environment(report)),
                Section.of("Environment Variables", Table.builder("Variable", "Meaning")
                        .row("CONCURRENCY", "users, when --users/--sweep are not given (default 1000)")
                        .row("PYTHON_API_URL, RUST_API_URL, JAVA_API_URL, TARGET_URL",
                                "targets named python, rust, java, target — when no --target is given")
                        .build()),
                Section.of("Test Artifacts", artifacts(report))));
    }

    private static String commands(RunReport report) {
        StringBuilder commands = new StringBuilder();
        if (report.merged()) {
            for (ReportSource source : report.sources()) {
                commands.append("# the ").append(source.name()).append(" run (").append(source.file()).append("): started ")
                        .append(source.startedAt()).append(", report written ").append(source.generatedAt()).append(" on ")
                        .append(source.environment().hostname()).append('\n').append(source.environment().command()).append("\n\n");
            }
            commands.append("# merged into this report (").append(report.generatedAt()).append(")\n");
        } else {
            commands.append("# the exact command of this run\n");
        }
        return commands.append(report.environment().command()).append("\n\n")
                .append("# the client-ceiling stub (nginx with canned answers), started before and stopped after\n")
                .append("ops/bench-stub start      # http://127.0.0.1:18080\n")
                .append("ops/bench-stub stop\n").toString();
    }

    /** The machine and JDK of the run; in a merged report one column per run, with its file and times. */
    private static Table environment(RunReport report) {
        if (!report.merged()) {
            Table.Builder table = Table.builder("Item", "Value");
            environmentRows(report.environment()).forEach(table::row);
            return table.build();
        }
        List<String> header = new ArrayList<>();
        header.add("Item");
        report.sources().forEach(source -> header.add(source.name()));
        Table.Builder table = Table.builder(header);
        List<Map<String, String>> columns = new ArrayList<>();
        for (ReportSource source : report.sources()) {
            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("Report", source.file());
            rows.put("First phase started", String.valueOf(source.startedAt()));
            rows.put("Report generated", String.valueOf(source.generatedAt()));
            rows.putAll(environmentRows(source.environment()));
            columns.add(rows);
        }
        for (String item : columns.getFirst().keySet()) {
            List<String> cells = new ArrayList<>();
            cells.add(item);
            columns.forEach(rows -> cells.add(rows.get(item)));
            table.row(cells);
        }
        return table.build();
    }

    private static Map<String, String> environmentRows(Environment e) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Driver", "workflow-perf " + e.driverVersion());
        rows.put("JDK", e.javaVersion() + " (" + e.javaVendor() + ", " + e.javaHome() + ")");
        rows.put("OS / kernel", e.os() + " / " + e.kernel());
        rows.put("CPU", e.cpuModel());
        rows.put("Cores", Integer.toString(e.cores()));
        rows.put("Memory", e.memoryMb() < 0 ? "unknown" : Format.count(e.memoryMb()) + " MB");
        rows.put("Open files limit (driver)", e.openFilesLimit() < 0 ? "unknown" : Format.count(e.openFilesLimit()));
        rows.put("Host", e.hostname());
        rows.put("Arguments", e.arguments() == null ? "" : String.join(" ", e.arguments()));
        return rows;
    }

    private static Table artifacts(RunReport report) {
        Table.Builder artifacts = Table.builder("File", "Description");
        artifacts.row("report.md", "the report with block-character charts");
        artifacts.row("report.json", "every figure, machine-readable (schema " + report.schema() + ", see perf/README.md)");
        artifacts.row("report.html", "the same with SVG charts, self-contained");
        for (ReportSource source : report.sources()) {
            artifacts.row(source.file(), "the report of the " + source.name() + " run, merged into this one unchanged");
        }
        artifacts.row("perf/, ops/nginx/stub.conf.template", "the driver's source; the stub's configuration");
        return artifacts.build();
    }
}
