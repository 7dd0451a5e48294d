package io.workflow.perf.command;

import static io.workflow.perf.command.OptionValues.positive;
import static io.workflow.perf.command.OptionValues.positiveDuration;
import static io.workflow.perf.command.OptionValues.positiveNumber;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.workflow.perf.faults.Fault;
import io.workflow.perf.faults.FaultReport;
import io.workflow.perf.faults.FaultReportWriter;
import io.workflow.perf.faults.FaultSuite;
import io.workflow.perf.faults.SuitePlan;
import io.workflow.perf.load.Target;

/**
 * {@code perf faults}: steady traffic of the seed flow against the local stack while its processes are killed and
 * restarted in turn (through {@code ops/stack}); the report, and exit 1 when a run was lost or an unexpected error
 * appeared.
 */
public final class FaultsCommand {

    static final class Draft {
        private String target;
        private Path apiKeyFile;
        private Path stack;
        private List<Fault> faults;
        private double rate;
        private int maxInFlight;
        private Duration requestTimeout;
        private Duration connectTimeout;
        private Duration pollInterval;
        private int pollConnections;
        private Duration baseline;
        private Duration gap;
        private Duration settle;
        private Duration down;
        private Duration kafkaDown;
        private Duration finalWait;
        private Duration commandTimeout;
        private Long maxErrors;
        private Duration maxDuration;
        private Path out;

        private void faults(String list) {
            faults = list.equals("all") ? Fault.all() : Arrays.stream(list.split(",")).map(String::trim).map(Fault::of).toList();
        }

        private void maxErrors(String text) {
            maxErrors = text.equals("none") ? null : (long) nonNegative("--max-errors", text);
        }

        SuitePlan plan() {
            return new SuitePlan(Target.of("stack", target, false).withApiKey(ApiKeyOption.read(apiKeyFile, System.getenv())), stack, faults, rate, maxInFlight, requestTimeout,
                    connectTimeout, pollInterval, pollConnections, baseline, gap, settle, down, kafkaDown, finalWait,
                    commandTimeout, maxErrors, maxDuration);
        }
    }

    static final OptionTable<Draft> OPTIONS = new OptionTable<>(List.of(
            Option.<Draft>value("--target", "URL", "the stack's entry point (nginx)", (d, v) -> d.target = v)
                    .defaultsTo("http://127.0.0.1:8080"),
            Option.<Draft>value(ApiKeyOption.NAME, "PATH", ApiKeyOption.HELP, (d, v) -> d.apiKeyFile = Path.of(v)),
            Option.<Draft>value("--stack", "PATH", "the ops/stack script that restarts components and names their PIDs",
                    (d, v) -> d.stack = Path.of(v)).defaultsTo("ops/stack"),
            Option.<Draft>value("--faults", "a,b|all", "the faults, in this order: " + Fault.ids(), Draft::faults).defaultsTo("all"),
            Option.<Draft>value("--rate", "R", "triggers per second", (d, v) -> d.rate = positiveNumber("--rate", v)).defaultsTo("10"),
            Option.<Draft>value("--max-in-flight", "N", "unanswered triggers at most; later ones are counted as not sent",
                    (d, v) -> d.maxInFlight = positive("--max-in-flight", v)).defaultsTo("64"),
            Option.<Draft>value("--requests-timeout", "D", "per request, from connect to the whole response",
                    (d, v) -> d.requestTimeout = positiveDuration("--requests-timeout", v)).alias("--request-timeout").defaultsTo("15s"),
            Option.<Draft>value("--connect-timeout", "D", "TCP connect timeout",
                    (d, v) -> d.connectTimeout = positiveDuration("--connect-timeout", v)).defaultsTo("5s"),
            Option.<Draft>value("--poll-interval", "D", "the longest between reads of an open run (the first comes 1 s after "
                    + "its trigger, then the interval doubles)",
                    (d, v) -> d.pollInterval = positiveDuration("--poll-interval", v)).defaultsTo("5s"),
            Option.<Draft>value("--poll-connections", "N", "connections reading runs",
                    (d, v) -> d.pollConnections = positive("--poll-connections", v)).defaultsTo("4"),
            Option.<Draft>value("--baseline", "D", "traffic before the first fault",
                    (d, v) -> d.baseline = DurationText.parse("--baseline", v)).defaultsTo("15s"),
            Option.<Draft>value("--gap", "D", "quiet traffic after each fault is undone",
                    (d, v) -> d.gap = DurationText.parse("--gap", v)).defaultsTo("20s"),
            Option.<Draft>value("--settle", "D", "after the gap, the longest the suite waits for the runs accepted so far to "
                    + "end before the next fault", (d, v) -> d.settle = DurationText.parse("--settle", v)).defaultsTo("120s"),
            Option.<Draft>value("--down", "D", "how long a killed component stays down before it is started",
                    (d, v) -> d.down = DurationText.parse("--down", v)).defaultsTo("5s"),
            Option.<Draft>value("--kafka-down", "D", "how long Kafka stays stopped",
                    (d, v) -> d.kafkaDown = DurationText.parse("--kafka-down", v)).defaultsTo("30s"),
            Option.<Draft>value("--final-wait", "D", "after the last fault, how long accepted runs may take to end",
                    (d, v) -> d.finalWait = DurationText.parse("--final-wait", v)).defaultsTo("150s"),
            Option.<Draft>value("--command-timeout", "D", "the longest one ops/stack command may take",
                    (d, v) -> d.commandTimeout = positiveDuration("--command-timeout", v)).defaultsTo("300s"),
            Option.<Draft>value("--max-errors", "N|none", "errors (of tolerated kinds) allowed per stretch; errors of other "
                    + "kinds and lost runs always fail", Draft::maxErrors).defaultsTo("none"),
            Option.<Draft>value("--max-duration", "D", "the bound on the whole suite: faults that would not end in time are "
                    + "skipped (and fail it), so that the final wait still fits",
                    (d, v) -> d.maxDuration = positiveDuration("--max-duration", v)).defaultsTo("15m"),
            Option.<Draft>value("--out", "DIR", "where report.md and report.json go (default perf-results/faults-<timestamp>)",
                    (d, v) -> d.out = Path.of(v))));

    private FaultsCommand() {
    }

    public static String usage() {
        return "usage: perf faults [options]   kill and restart the stack's components under steady traffic\n\noptions:\n"
                + OPTIONS.help() + "durations: 500ms, 60s, 2m, or bare seconds; exit 0 passed, 1 failed, 2 bad options\n";
    }

    static Draft parse(List<String> args) {
        Draft draft = OPTIONS.parse(args, new Draft(), OptionTable.noOperands());
        if (draft.out == null) {
            draft.out = RunCommand.defaultOut("faults");
        }
        draft.plan();
        return draft;
    }

    /** {@code args} are the options after {@code faults}; {@code command} the whole command line, for the report. */
    public static int run(List<String> args, List<String> command, PrintStream out, PrintStream err) {
        Draft draft;
        try {
            draft = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("perf faults: " + e.getMessage());
            err.print(usage());
            return ExitCode.USAGE;
        }
        SuitePlan plan = draft.plan();
        out.printf("perf faults: %s against %s; done within %d s%n", String.join(", ", plan.faults().stream().map(Fault::id).toList()),
                plan.target().url(), plan.maxDuration().toSeconds());
        FaultReport report;
        try {
            report = new FaultSuite(plan, out).run(MachineInfo.collect(command));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("perf faults: interrupted");
            return ExitCode.INTERRUPTED;
        } catch (IllegalStateException e) {
            err.println("perf faults: " + e.getMessage());
            return ExitCode.FAULTS_FAILED;
        }
        out.println();
        out.print(FaultReportWriter.console(report));
        try {
            FaultReportWriter.write(report, draft.out).forEach(path -> out.println("wrote " + path));
        } catch (IOException e) {
            err.println("perf faults: cannot write the report to " + draft.out + ": " + e.getMessage());
            return ExitCode.WRITE_FAILED;
        }
        return report.verdict().passed() ? ExitCode.OK : ExitCode.FAULTS_FAILED;
    }

    private static int nonNegative(String option, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": not a whole number >= 0: " + text);
    }
}
