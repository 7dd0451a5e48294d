package io.workflow.bootstrap.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The stack's own processes, for fault tests: stops one by the PID in its pidfile (never by name),
 * and brings back whatever is missing with {@code ops/stack up full}, within a bound.
 */
final class StackProcesses {
    /** {@code ops/stack up} on a saturated 2-core machine checks every component before it restarts one. */
    static final Duration RESTORE_WITHIN = Duration.ofSeconds(300);

    private StackProcesses() {
    }

    /** Stops the component (SIGTERM, then waits up to 30 s); returns its PID. */
    static long stop(String component) throws IOException, InterruptedException {
        return end(component, false);
    }

    /** Kills the component outright (SIGKILL: no shutdown hook runs), waits until it is gone; returns its PID. */
    static long kill(String component) throws IOException, InterruptedException {
        return end(component, true);
    }

    private static long end(String component, boolean forcibly) throws IOException, InterruptedException {
        Path pidfile = stackHome().resolve("run/" + component + ".pid");
        long pid = Long.parseLong(Files.readString(pidfile).trim());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new AssertionError(component + " (pid " + pid + ") is not running"));
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        if (process.isAlive()) {
            throw new AssertionError(component + " (pid " + pid + ") did not stop within 30 s");
        }
        return pid;
    }

    /** An {@link AutoCloseable} whose {@code close()} brings back what is missing: put it in a try-with-resources. */
    static AutoCloseable restoreOnClose() {
        return StackProcesses::restore;
    }

    static void restore() throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent(); // tests run in bootstrap/
        Path log = Files.createTempFile("stack-up", ".log");
        Process up = new ProcessBuilder(repo.resolve("ops/stack").toString(), "up", "full")
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!up.waitFor(RESTORE_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            up.destroyForcibly();
            throw new AssertionError("ops/stack up did not restore the stack within " + RESTORE_WITHIN + ":\n" + Files.readString(log));
        }
        if (up.exitValue() != 0) {
            throw new AssertionError("ops/stack up failed (exit " + up.exitValue() + "):\n" + Files.readString(log));
        }
    }

    static Path stackHome() {
        String home = System.getenv("STACK_HOME");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("STACK_HOME is not set: run these tests with ops/test");
        }
        return Path.of(home);
    }
}
