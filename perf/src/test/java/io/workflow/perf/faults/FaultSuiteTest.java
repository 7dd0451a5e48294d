package io.workflow.perf.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.workflow.perf.faults.FaultReport.Stretch;
import io.workflow.perf.load.Target;
import io.workflow.perf.model.Environment;
import io.workflow.perf.report.writer.MarkdownWriter;
import io.workflow.perf.testing.FlowStubServer;

/**
 * The suite against the in-memory stub of the service and a stand-in for ops/stack: a script that names real
 * processes the test started (each carrying the stack's name option on its command line, as the service's JVMs do)
 * and records every restart it is asked for.
 */
class FaultSuiteTest {

    @TempDir
    Path dir;

    private final List<Process> standIns = new ArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void startStandIns() throws IOException {
        // one "api-2" and one "worker-3" process: the suite must kill exactly these, by their PIDs
        Process api = standIn("api-2");
        Process worker = standIn("worker-3");
        Files.writeString(dir.resolve("pids"), "api=" + api.pid() + "\nworker=" + worker.pid() + "\n");
        Path script = dir.resolve("stack");
        Files.writeString(script, """
                #!/usr/bin/env bash
                here=$(dirname "$0")
                case "$1" in
                    pids) sed -n "s/^$2=//p" "$here/pids" | grep . || exit 1 ;;
                    restart) echo "restart $2 ${PG_RESTART_MODE:-}" >>"$here/restarts"; echo "restarted $2" ;;
                    *) exit 2 ;;
                esac
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void stopStandIns() {
        standIns.forEach(Process::destroyForcibly);
    }

    private Process standIn(String name) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", "while :; do sleep 1; done", "-Dworkflow.stack.name=" + name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        standIns.add(process);
        return process;
    }

    private SuitePlan plan(FlowStubServer stub, List<Fault> faults, Duration finalWait) {
        return new SuitePlan(Target.of("stub", stub.url(), false), dir.resolve("stack"), faults, 40, 16,
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(200), 2,
                Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofMillis(200),
                finalWait,
                Duration.ofSeconds(30), null, Duration.ofMinutes(2));
    }

    private FaultReport run(SuitePlan plan) throws InterruptedException {
        return new FaultSuite(plan, new PrintStream(console, true, StandardCharsets.UTF_8)).run(environment());
    }

    @Test
    void killsTheNamedProcessesByPid_restartsThemByName_andFollowsEveryRunToItsEnd() throws Exception {
        try (FlowStubServer stub = new FlowStubServer(300)) {
            FaultReport report = run(plan(stub, List.of(Fault.API_KILL, Fault.WORKER_KILL, Fault.POSTGRES_RESTART, Fault.ROLLING_RESTART),
                    Duration.ofSeconds(20)));

            assertThat(standIns).allSatisfy(process -> assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue());
            assertThat(Files.readAllLines(dir.resolve("restarts")))
                    .containsExactly("restart api-2 ", "restart worker-3 ", "restart postgres immediate", "restart all ");
            assertThat(report.stretches()).extracting(Stretch::name)
                    .containsExactly("baseline", "api-kill", "worker-kill", "postgres-restart", "rolling-restart", "final wait");
            assertThat(report.verdict().reasons()).isEmpty();
            long accepted = report.stretches().stream().mapToLong(Stretch::accepted).sum();
            assertThat(accepted).isGreaterThan(20);
            assertThat(report.stretches()).allSatisfy(s -> {
                assertThat(s.lost()).isZero();
                assertThat(s.succeeded()).isEqualTo(s.accepted());
            });
            assertThat(stub.runs()).isEqualTo((int) accepted);
            Stretch workerKill = report.stretches().get(2);
            assertThat(workerKill.workerRecovery()).isNotNull();
            assertThat(workerKill.workerRecovery().worker()).isEqualTo("worker-3");
            assertThat(workerKill.workerRecovery().neverTerminal()).isZero();
            assertThat(workerKill.action()).contains("worker-3 SIGKILL to pid " + standIns.get(1).pid());
        }
    }

    @Test
    void givenRunsThatNeverEnd_theyAreCountedLost_andTheVerdictFails() throws Exception {
        try (FlowStubServer stub = new FlowStubServer(TimeUnit.HOURS.toMillis(1))) {
            FaultReport report = run(plan(stub, List.of(Fault.API_KILL), Duration.ofSeconds(1)));

            long lost = report.stretches().stream().mapToLong(Stretch::lost).sum();
            assertThat(lost).isPositive().isEqualTo(stub.runs());
            assertThat(report.verdict().passed()).isFalse();
            assertThat(report.verdict().reasons()).anySatisfy(reason -> assertThat(reason).contains("never reached a terminal status"));
        }
    }

    @Test
    void givenErrorsOfAnUnexpectedKind_theyAreCountedByKind_andTheVerdictFails() throws Exception {
        try (FlowStubServer stub = new FlowStubServer(100).force("POST /api/v1/trigger", 500)) {
            FaultReport report = run(plan(stub, List.of(Fault.WORKER_KILL), Duration.ofSeconds(1)));

            Stretch baseline = report.stretches().getFirst();
            assertThat(baseline.accepted()).isZero();
            assertThat(baseline.errors()).singleElement().satisfies(error -> {
                assertThat(error.request()).isEqualTo("trigger");
                assertThat(error.kind()).isEqualTo("HTTP 500");
                assertThat(error.tolerated()).isFalse();
            });
            assertThat(report.verdict().passed()).isFalse();
            assertThat(MarkdownWriter.render(FaultReportWriter.document(report))).contains("trigger HTTP 500 × ").contains("**(!)**").contains("FAILED");
        }
    }

    @Test
    void givenAStackCommandThatFails_theFaultIsReportedNotUndone_andTheVerdictFails() throws Exception {
        Files.writeString(dir.resolve("pids"), "");
        try (FlowStubServer stub = new FlowStubServer(100)) {
            FaultReport report = run(plan(stub, List.of(Fault.REDIS_KILL), Duration.ofSeconds(5)));

            assertThat(report.stretches().get(1).action()).startsWith("FAILED: no redis process runs");
            assertThat(report.verdict().reasons()).contains("redis-kill: no redis process runs");
        }
    }

    private static Environment environment() {
        return new Environment("perf faults", List.of("faults"), "test", "25", "vendor", "/jdk", "Linux", "6", "cpu", 2, 1024, 1024, "host");
    }
}
