package io.workflow.perf.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local stack as the suite touches it: {@code ops/stack} commands, each bounded in time, and signals sent to
 * the PIDs {@code ops/stack pids GROUP} names, never to a process found any other way.
 */
public final class StackControl {

    /** How a service process names itself on its command line (ops/stack.d/components.sh). */
    private static final String NAME_PROPERTY = "-Dworkflow.stack.name=";

    private final Path script;
    private final Duration commandTimeout;
    private final Instant deadline;
    private final PrintStream console;

    /** Each command may take {@code commandTimeout}, and none may run past {@code deadline}. */
    public StackControl(Path script, Duration commandTimeout, Instant deadline, PrintStream console) {
        this.script = script;
        this.commandTimeout = commandTimeout;
        this.deadline = deadline;
        this.console = console;
    }

    /** A stack command that failed or ran out of time; its output was already printed. */
    public static final class CommandFailed extends RuntimeException {
        CommandFailed(String message) {
            super(message);
        }
    }

    /** The PIDs of a group (api, worker, kafka, ...), in the stack's order; empty when none runs. */
    public List<Long> pids(String group) throws InterruptedException {
        List<String> lines = run(Map.of(), false, "pids", group);
        if (lines.isEmpty() || lines.getFirst().isBlank()) {
            return List.of();
        }
        return Arrays.stream(lines.getFirst().trim().split(",")).map(Long::parseLong).toList();
    }

    /** The stack's name for a process (api-2, worker-1), from its command line; {@code fallback} when it has none. */
    public static String nameOf(long pid, String fallback) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            for (String arg : cmdline.split("\0")) {
                if (arg.startsWith(NAME_PROPERTY)) {
                    return arg.substring(NAME_PROPERTY.length());
                }
            }
        } catch (IOException gone) {
            // the fallback names it
        }
        return fallback;
    }

    /**
     * Sends SIGKILL ({@code force}) or SIGTERM to {@code pid} and waits up to {@code wait} for it to exit; a process
     * that outlives a SIGTERM gets SIGKILL. Returns what happened, for the report.
     */
    public static String signal(long pid, boolean force, Duration wait) throws InterruptedException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return "pid " + pid + " was already gone";
        }
        ProcessHandle process = handle.get();
        boolean sent = force ? process.destroyForcibly() : process.destroy();
        if (!sent) {
            throw new CommandFailed("could not signal pid " + pid);
        }
        if (exited(process, wait)) {
            return (force ? "SIGKILL" : "SIGTERM") + " to pid " + pid;
        }
        if (!force) {
            process.destroyForcibly();
            if (exited(process, Duration.ofSeconds(10))) {
                return "SIGTERM to pid " + pid + ", SIGKILL after " + wait.toSeconds() + " s";
            }
        }
        throw new CommandFailed("pid " + pid + " still runs " + wait.toSeconds() + " s after the signal");
    }

    private static boolean exited(ProcessHandle process, Duration wait) throws InterruptedException {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }

    /** {@code ops/stack restart WHAT}, with {@code env} added to the environment; waits until it is healthy. */
    public void restart(String what, Map<String, String> env) throws InterruptedException {
        run(env, true, "restart", what);
    }

    /**
     * Runs the stack script with {@code args}, its output (stdout and stderr) echoed to the console when
     * {@code echo}, and returns that output. Throws {@link CommandFailed} on a non-zero exit or after the timeout.
     */
    private List<String> run(Map<String, String> env, boolean echo, String... args) throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CommandFailed(String.join(" ", command) + ": cannot start: " + e.getMessage());
        }
        List<String> lines = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (echo) {
                        console.println("    | " + line);
                    }
                }
            } catch (IOException ended) {
                // the process was killed
            }
        });
        long timeout = Math.max(1_000, Math.min(commandTimeout.toMillis(), Duration.between(Instant.now(), deadline).toMillis()));
        if (!process.waitFor(timeout, TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reader.join(5_000);
            throw new CommandFailed(String.join(" ", command) + ": no end after " + timeout / 1000 + " s; killed");
        }
        reader.join(5_000);
        synchronized (lines) {
            int exit = process.exitValue();
            // `pids GROUP` answers 1 when none of the group runs: an empty list, not a failure
            if (exit != 0 && !(exit == 1 && args[0].equals("pids") && lines.isEmpty())) {
                if (!echo) {
                    lines.forEach(line -> console.println("    | " + line));
                }
                throw new CommandFailed(String.join(" ", command) + ": exit status " + exit);
            }
            return List.copyOf(lines);
        }
    }
}
