package io.workflow.perf.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.Compare;
import io.workflow.perf.report.JsonReport;

/**
 * {@code perf compare BASE.json NEW.json [--threshold metric=value]...}: the regression verdict, exit 1 when a metric
 * regressed past its threshold, so CI can gate on it.
 */
public final class CompareCommand {

    private static final class Draft {
        private final List<String> files = new ArrayList<>();
        private final Map<String, Double> thresholds = new LinkedHashMap<>();

        private void threshold(String spec) {
            int equals = spec.indexOf('=');
            try {
                thresholds.put(spec.substring(0, Math.max(0, equals)), Double.parseDouble(spec.substring(equals + 1)));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("--threshold wants metric=value, got " + spec);
            }
        }
    }

    private static final OptionTable<Draft> OPTIONS = new OptionTable<>(List.of(
            Option.<Draft>value("--threshold", "metric=value", "a metric's threshold instead of its default; repeatable",
                    Draft::threshold)));

    private CompareCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Draft draft;
        try {
            draft = OPTIONS.parse(args, new Draft(), (d, file) -> d.files.add(file));
        } catch (IllegalArgumentException e) {
            err.println("perf compare: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (draft.files.size() != 2) {
            err.println("usage: perf compare BASE.json NEW.json [--threshold metric=value]...");
            err.println("metrics: " + String.join(", ", Compare.defaultMetrics().stream().map(Compare.Metric::name).toList()));
            return ExitCode.USAGE;
        }
        List<Compare.Metric> metrics = new ArrayList<>();
        for (Compare.Metric metric : Compare.defaultMetrics()) {
            Double threshold = draft.thresholds.remove(metric.name());
            metrics.add(threshold == null ? metric : metric.withThreshold(threshold));
        }
        if (!draft.thresholds.isEmpty()) {
            err.println("perf compare: unknown metric(s) " + draft.thresholds.keySet());
            return ExitCode.USAGE;
        }
        RunReport base;
        RunReport current;
        try {
            base = JsonReport.read(Path.of(draft.files.get(0)));
            current = JsonReport.read(Path.of(draft.files.get(1)));
        } catch (IOException e) {
            err.println("perf compare: " + e.getMessage());
            return ExitCode.USAGE;
        }
        Compare.Result result = Compare.compare(base, current, metrics);
        out.print(Compare.render(result));
        if (result.rows().isEmpty()) {
            err.println("perf compare: no phase of NEW matches one of BASE (same target, mode and users)");
            return ExitCode.USAGE;
        }
        return result.regressed() ? ExitCode.REGRESSED : ExitCode.OK;
    }
}
