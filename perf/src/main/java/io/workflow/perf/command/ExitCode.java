package io.workflow.perf.command;

/** The exit codes of every subcommand. */
public final class ExitCode {

    public static final int OK = 0;
    /** {@code compare}: a metric got worse by more than its threshold. */
    public static final int REGRESSED = 1;
    /** {@code run}, {@code merge}: the reports could not be written. */
    public static final int WRITE_FAILED = 1;
    /** {@code faults}: a run was lost, an error of an unexpected kind appeared, or a fault could not be undone. */
    public static final int FAULTS_FAILED = 1;
    /** A bad option or input; nothing was run or written. */
    public static final int USAGE = 2;
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
