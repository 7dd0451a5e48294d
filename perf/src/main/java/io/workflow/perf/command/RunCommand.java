package io.workflow.perf.command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.workflow.perf.load.LoadSettings;
import io.workflow.perf.load.PhaseRunner;
import io.workflow.perf.load.ProcessSpec;
import io.workflow.perf.model.ResourceUsage;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.ConsoleReport;
import io.workflow.perf.report.ReportFiles;

/** {@code perf run}: every load level against every target, then the reports. */
public final class RunCommand {

    static final Duration TICK = Duration.ofMillis(250);
    static final int PROGRESS_EVERY_TICKS = 4;

    private RunCommand() {
    }

    /** {@code --help}: every subcommand, and every option of {@code run}. */
    public static String usage() {
        return RunOptions.usage();
    }

    /** {@code args} are the run's options; {@code command} is the whole command line, for the report's environment. */
    public static int run(List<String> args, List<String> command, Map<String, String> env, PrintStream out, PrintStream err) {
        RunOptions options;
        try {
            options = RunOptions.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("perf: " + e.getMessage());
            err.print(RunOptions.usage());
            return ExitCode.USAGE;
        }
        try {
            return run(options, command, out, err);
        } catch (IllegalArgumentException e) {
            err.println("perf: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("perf: interrupted");
            return ExitCode.INTERRUPTED;
        }
    }

    private static int run(RunOptions options, List<String> command, PrintStream out, PrintStream err) throws InterruptedException {
        Path proc = Path.of("/proc");
        FileLimits limits = FileLimits.read(proc.resolve("self/limits"));
        String warning = limits == null ? null : limits.warningFor(options.peakConnections());
        if (warning != null) {
            err.println(warning);
        }
        List<ProcessSpec> processes = new ArrayList<>(options.sampledProcesses());
        processes.add(new ProcessSpec(ResourceUsage.DRIVER, List.of(ProcessHandle.current().pid())));
        LoadSettings settings = new LoadSettings(options.connectTimeout(), options.requestTimeout(),
                options.completionWait(), options.pollInterval(), options.pollConnections(), processes, proc, TICK,
                PROGRESS_EVERY_TICKS, out);
        RunReport report = new Benchmark(options, new PhaseRunner(settings), out).run(MachineInfo.collect(command));
        return write(report, options.out(), "perf", out, err);
    }

    /** {@code perf-results/<kind>-<local time>}, where reports go unless --out says otherwise. */
    static Path defaultOut(String kind) {
        return Path.of("perf-results", kind + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** The console summary and the three report files; shared with {@code merge}. */
    static int write(RunReport report, Path dir, String command, PrintStream out, PrintStream err) {
        ConsoleReport.summary(out, report);
        try {
            ReportFiles.write(report, dir).forEach(path -> out.println("wrote " + path));
        } catch (IOException | UncheckedIOException e) {
            err.println(command + ": cannot write the reports to " + dir + ": " + e.getMessage());
            return ExitCode.WRITE_FAILED;
        }
        return ExitCode.OK;
    }
}
