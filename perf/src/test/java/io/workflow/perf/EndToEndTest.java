package io.workflow.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.model.TimelinePoint;
import io.workflow.perf.command.CompareCommand;
import io.workflow.perf.command.ExitCode;
import io.workflow.perf.report.JsonReport;
import io.workflow.perf.testing.FlowStubServer;

/** The whole driver, through its command line, against in-test services; the reports' counts must add up. */
class EndToEndTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int perf(String... args) {
        return Main.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theStubPhase_repeatsItsRoundOfUsers_untilItHasLastedTheStubTime() throws Exception {
        try (FlowStubServer service = new FlowStubServer(0); FlowStubServer stub = new FlowStubServer(0)) {
            int exit = perf("run", "--target", "service=" + service.url(), "--stub", "stub=" + stub.url(), "--users", "20",
                    "--gap", "0", "--no-warmup", "--completion-wait", "0", "--stub-time", "1500ms", "--out", dir.toString());
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();

            RunReport report = JsonReport.read(dir.resolve("report.json"));
            PhaseResult once = report.phases().getFirst();
            PhaseResult stubPhase = report.phases().getLast();
            assertThat(once.requests().sent()).isEqualTo(140);
            assertThat(once.users().total()).isEqualTo(20);
            assertThat(stubPhase.wallSeconds()).isGreaterThanOrEqualTo(1.5);
            long rounds = stubPhase.users().total() / 20;
            assertThat(stubPhase.users().total()).isEqualTo(rounds * 20);
            assertThat(rounds).isBetween(2L, 100L);
            assertThat(stubPhase.requests().sent()).isEqualTo(rounds * 140);
            assertThat(stubPhase.requests().succeeded()).isEqualTo(rounds * 140);
            assertThat(stubPhase.throughput().requestsPerSecond()).isEqualTo(rounds * 140 / stubPhase.wallSeconds());
            assertThat(report.settings().stubTimeSeconds()).isEqualTo(1.5);
            assertThat(Files.readString(dir.resolve("report.md"))).contains("until the phase has lasted 1.5");
        }
    }

    @Test
    void fiftyUsersAgainstTwoTargets_countsAddUpInEveryFormat() throws Exception {
        try (FlowStubServer service = new FlowStubServer(300); FlowStubServer stub = new FlowStubServer(0)) {
            int exit = perf("run", "--target", "service=" + service.url(), "--stub", "stub=" + stub.url(), "--users", "50",
                    "--gap", "200ms", "--warmup-users", "10", "--warmup-rounds", "1", "--completion-wait", "10s",
                    "--poll-interval", "50ms", "--requests-timeout", "5s", "--stub-time", "0", "--out", dir.toString());
            String console = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(console).contains("[service] users 50/50 done", "OVERALL PERFORMANCE SUMMARY — 50 concurrent users",
                    "PER-ENDPOINT PERFORMANCE", "Headroom of stub over service", "wrote " + dir.resolve("report.json"));

            RunReport report = JsonReport.read(dir.resolve("report.json"));
            assertThat(report.phases()).extracting(PhaseResult::target).containsExactly("service", "stub");
            for (PhaseResult phase : report.phases()) {
                assertThat(phase.requests().planned()).isEqualTo(350);
                assertThat(phase.requests().sent()).isEqualTo(350);
                assertThat(phase.requests().succeeded()).isEqualTo(350);
                assertThat(phase.requests().notSent()).isZero();
                assertThat(phase.users().completed()).isEqualTo(50);
                assertThat(phase.errors().total()).isZero();
                assertThat(phase.endpoints()).hasSize(7).allSatisfy(e -> assertThat(e.sent()).isEqualTo(50));
                assertThat(phase.endpoints().stream().mapToLong(EndpointResult::sent).sum()).isEqualTo(phase.requests().sent());
                assertThat(phase.latency().count()).isEqualTo(350);
                assertThat(phase.timeline().stream().mapToLong(TimelinePoint::requests).sum()).isEqualTo(350);
                assertThat(phase.completion().triggered()).isEqualTo(50);
                assertThat(phase.completion().success() + phase.completion().failed() + phase.completion().neverFinished())
                        .isEqualTo(50);
                assertThat(phase.completion().success()).isEqualTo(50);
                assertThat(phase.warmup().sent()).isEqualTo(70);
                assertThat(phase.throughput().requestsPerSecond()).isEqualTo(350 / phase.wallSeconds());
                assertThat(phase.resources()).extracting(r -> r.name()).contains("driver");
            }
            PhaseResult service1 = report.phases().getFirst();
            assertThat(service1.completion().triggerToTerminal().minMs()).isGreaterThanOrEqualTo(300);
            assertThat(report.ceilings()).singleElement().satisfies(c -> {
                assertThat(c.target()).isEqualTo("service");
                assertThat(c.stub()).isEqualTo("stub");
            });
            // only the driver was sampled: its CPU per request in each phase, the service's set against the stub's
            assertThat(report.cpuPerRequest()).extracting(c -> c.target() + " " + c.requests() + " " + c.stubTarget())
                    .containsExactly("service 350 stub", "stub 350 null");
            assertThat(report.cpuPerRequest()).allSatisfy(c -> {
                assertThat(c.groups()).extracting(g -> g.name()).containsExactly("driver");
                assertThat(c.totalMicros()).isNotNull().isGreaterThanOrEqualTo(0);
            });
            assertThat(report.environment().cores()).isPositive();
            // the warm-ups and pollers add to what the services saw, never to the measured counts
            assertThat(service.requests()).isEqualTo(70 + 350 + (int) service1.completion().pollRequests());

            String md = Files.readString(dir.resolve("report.md"));
            assertThat(md).contains("## 11. Test Reproducibility", "50/50 users completed the full flow", "350");
            assertThat(Files.readString(dir.resolve("report.html"))).contains("<svg");

            ByteArrayOutputStream compared = new ByteArrayOutputStream();
            int verdict = CompareCommand.run(List.of(dir.resolve("report.json").toString(), dir.resolve("report.json").toString()),
                    new PrintStream(compared, true, StandardCharsets.UTF_8), System.err);
            assertThat(verdict).isEqualTo(ExitCode.OK);
            assertThat(compared.toString(StandardCharsets.UTF_8)).contains("verdict: OK");
        }
    }

    @Test
    void subcommandsAndUsageErrors() {
        assertThat(perf("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("perf compare BASE.json NEW.json");
        assertThat(perf("run", "--users", "10")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no target");
        assertThat(perf("compare")).isEqualTo(ExitCode.USAGE);
    }
}
