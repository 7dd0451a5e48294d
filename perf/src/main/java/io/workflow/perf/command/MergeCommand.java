package io.workflow.perf.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.workflow.perf.model.RunReport;

/** {@code perf merge A/report.json B/report.json... [--out DIR] [--title TEXT]}: one report of several runs. */
public final class MergeCommand {

    static final String USAGE_TEXT = "usage: perf merge A/report.json B/report.json... [--out DIR] [--title TEXT]\n";

    private static final class Draft {
        private final List<String> files = new ArrayList<>();
        private Path out;
        private String title;
    }

    private static final OptionTable<Draft> OPTIONS = new OptionTable<>(List.of(
            Option.<Draft>value("--out", "DIR", "where the merged reports go (default perf-results/merge-<timestamp>)",
                    (d, v) -> d.out = Path.of(v)),
            Option.<Draft>value("--title", "TEXT", "the merged report's heading", (d, v) -> d.title = v)));

    private MergeCommand() {
    }

    /** {@code command} is the whole command line, for the merged report's environment. */
    public static int run(List<String> args, List<String> command, PrintStream out, PrintStream err) {
        Draft draft;
        RunReport merged;
        try {
            draft = OPTIONS.parse(args, new Draft(), (d, file) -> d.files.add(file));
            if (draft.files.isEmpty()) {
                throw new IllegalArgumentException("no report.json given");
            }
        } catch (IllegalArgumentException e) {
            err.println("perf merge: " + e.getMessage());
            err.print(USAGE_TEXT + OPTIONS.help());
            return ExitCode.USAGE;
        }
        try {
            merged = Merge.merge(Merge.read(draft.files), MachineInfo.collect(command), draft.title, Instant.now().toString());
        } catch (IllegalArgumentException e) {
            err.println("perf merge: " + e.getMessage());
            return ExitCode.USAGE;
        }
        Path dir = draft.out != null ? draft.out : RunCommand.defaultOut("merge");
        return RunCommand.write(merged, dir, "perf merge", out, err);
    }
}
