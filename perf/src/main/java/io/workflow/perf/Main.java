package io.workflow.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.workflow.perf.load.LoadSettings;
import io.workflow.perf.load.PhaseRunner;
import io.workflow.perf.load.ProcessSpec;
import io.workflow.perf.model.Environment;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.Compare;
import io.workflow.perf.report.ConsoleReport;
import io.workflow.perf.report.ReportFiles;

/** {@code perf [run] options...}, {@code perf compare BASE.json NEW.json} and {@code perf merge A.json B.json...}. */
public final class Main {

    static final int USAGE_ERROR = 2;
    static final Duration TICK = Duration.ofMillis(250);
    static final int PROGRESS_EVERY_TICKS = 4;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
    }

    /** Runs a subcommand as the command line would and returns its exit code, without exiting. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(RunOptions.usage());
            return 0;
        }
        if (!args.isEmpty() && args.getFirst().equals("compare")) {
            return Compare.main(args.subList(1, args.size()), out, err);
        }
        if (!args.isEmpty() && args.getFirst().equals("merge")) {
            return Merge.main(args.subList(1, args.size()), args, out, err);
        }
        List<String> runArgs = !args.isEmpty() && args.getFirst().equals("run") ? args.subList(1, args.size()) : args;
        RunOptions options;
        try {
            options = RunOptions.parse(runArgs, env);
        } catch (IllegalArgumentException e) {
            err.println("perf: " + e.getMessage());
            err.print(RunOptions.usage());
            return USAGE_ERROR;
        }
        try {
            return run(options, args, out, err);
        } catch (IllegalArgumentException e) {
            err.println("perf: " + e.getMessage());
            return USAGE_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("perf: interrupted");
            return 130;
        }
    }

    private static int run(RunOptions options, List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        Path proc = Path.of("/proc");
        FileLimits limits = FileLimits.read(proc.resolve("self/limits"));
        String warning = limits == null ? null : limits.warningFor(options.peakConnections());
        if (warning != null) {
            err.println(warning);
        }
        List<ProcessSpec> processes = new ArrayList<>(options.sampledProcesses());
        processes.add(new ProcessSpec("driver", List.of(ProcessHandle.current().pid())));
        LoadSettings settings = new LoadSettings(options.connectTimeout(), options.requestTimeout(),
                options.completionWait(), options.pollInterval(), options.pollConnections(), processes, proc, TICK,
                PROGRESS_EVERY_TICKS, out);
        Environment environment = MachineInfo.collect(args);
        RunReport report = new Benchmark(options, new PhaseRunner(settings), out).run(environment);
        ConsoleReport.summary(out, report);
        try {
            List<Path> written = ReportFiles.write(report, options.out());
            written.forEach(path -> out.println("wrote " + path));
        } catch (IOException | UncheckedIOException e) {
            err.println("perf: cannot write the reports to " + options.out() + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
