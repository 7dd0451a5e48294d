package io.workflow.perf;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.workflow.perf.command.CompareCommand;
import io.workflow.perf.command.FaultsCommand;
import io.workflow.perf.command.MergeCommand;
import io.workflow.perf.command.RunCommand;

/**
 * {@code perf [run] options...}, {@code perf compare BASE.json NEW.json}, {@code perf merge A.json B.json...} and
 * {@code perf faults options...}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
    }

    /** Runs a subcommand as the command line would and returns its exit code, without exiting. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(!args.isEmpty() && args.getFirst().equals("faults") ? FaultsCommand.usage() : RunCommand.usage());
            return 0;
        }
        String subcommand = args.isEmpty() ? "run" : args.getFirst();
        List<String> rest = args.isEmpty() ? args : args.subList(1, args.size());
        return switch (subcommand) {
            case "compare" -> CompareCommand.run(rest, out, err);
            case "merge" -> MergeCommand.run(rest, args, out, err);
            case "faults" -> FaultsCommand.run(rest, args, out, err);
            case "run" -> RunCommand.run(rest, args, env, out, err);
            default -> RunCommand.run(args, args, env, out, err);
        };
    }
}
