package io.workflow.perf.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.workflow.perf.Main;
import io.workflow.perf.model.TargetSpec;

class RunOptionsTest {

    private static RunOptions parse(String... args) {
        return RunOptions.parse(List.of(args), Map.of());
    }

    @Test
    void defaultsFollowTheSeed() {
        RunOptions options = parse("--target", "java=http://127.0.0.1:8080");
        assertThat(options.users()).containsExactly(1000);
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.gap()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.warmup()).isTrue();
        assertThat(options.warmupUsers()).isEqualTo(1000);
        assertThat(options.completionWait()).isEqualTo(Duration.ofSeconds(120));
        assertThat(options.openLoop()).isFalse();
        assertThat(options.out().toString()).startsWith("perf-results/run-");
    }

    @Test
    void targetsRunInTheOrderGiven_andTheStubIsMarked() {
        RunOptions options = parse("--target", "python=http://a:1", "--target", "java=http://b:2", "--stub", "nginx=http://c:3");
        assertThat(options.targets()).containsExactly(new TargetSpec("python", "http://a:1", false),
                new TargetSpec("java", "http://b:2", false), new TargetSpec("nginx", "http://c:3", true));
        assertThat(parse("--target", "java=http://b:2", "--target", "s=http://c:3", "--stub", "s").targets().get(1).stub()).isTrue();
    }

    @Test
    void seedEnvironmentVariablesWorkWhenNoTargetIsGiven() {
        RunOptions options = RunOptions.parse(List.of(), Map.of("RUST_API_URL", "http://nginx-lb:8002",
                "PYTHON_API_URL", "http://nginx-lb:8001", "CONCURRENCY", "500"));
        assertThat(options.targets()).extracting(TargetSpec::name).containsExactly("python", "rust");
        assertThat(options.users()).containsExactly(500);
        assertThat(options.warmupUsers()).isEqualTo(500);
        assertThat(RunOptions.parse(List.of("--target", "x=http://h:1"), Map.of("TARGET_URL", "http://t:1")).targets())
                .extracting(TargetSpec::name).containsExactly("x");
    }

    @Test
    void parsesSweepsDurationsAndOpenLoop() {
        RunOptions sweep = parse("--target", "a=http://h:1", "--sweep", "1000,100,10000", "--requests-timeout", "1500ms",
                "--gap", "0", "--completion-wait", "2m", "--no-warmup", "--sample-process", "api=10,11");
        assertThat(sweep.users()).containsExactly(1000, 100, 10000);
        assertThat(sweep.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(sweep.gap()).isZero();
        assertThat(sweep.completionWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(sweep.warmup()).isFalse();
        assertThat(sweep.sampledProcesses()).singleElement().hasToString("api=10,11");
        assertThat(sweep.peakConnections()).isEqualTo(10_000 + 32);

        RunOptions open = parse("--target", "a=http://h:1", "--open-loop", "--rate", "250.5", "--duration", "30s", "--max-in-flight", "400");
        assertThat(open.openLoop()).isTrue();
        assertThat(open.rate()).isEqualTo(250.5);
        assertThat(open.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(open.maxInFlight()).isEqualTo(400);
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThatThrownBy(() -> parse()).hasMessageContaining("no target");
        assertThatThrownBy(() -> parse("--target", "nourl")).hasMessageContaining("name=url");
        assertThatThrownBy(() -> parse("--target", "a=http://h:1", "--target", "a=http://h:2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> parse("--target", "a=http://h:1", "--stub", "b")).hasMessageContaining("no such target");
        assertThatThrownBy(() -> parse("--target", "a=http://h:1", "--users", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> parse("--target", "a=http://h:1", "--gap", "soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> parse("--target", "a=http://h:1", "--open-loop")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> parse("--target", "a=http://h:1", "--rate", "5")).hasMessageContaining("need --open-loop");
        assertThatThrownBy(() -> parse("--target", "a=http://h:1", "--frobnicate")).hasMessageContaining("unknown option");
    }

    @Test
    void everyOptionOfTheTable_setsItsValue() {
        RunOptions closed = parse("--target", "a=http://h:1", "--stub", "s=http://h:2", "--users", "7", "--requests-timeout", "3s",
                "--connect-timeout", "2s", "--gap", "1s", "--no-warmup", "--warmup-users", "9", "--warmup-rounds", "4",
                "--completion-wait", "0", "--poll-interval", "50ms", "--poll-connections", "8", "--sample-process", "api=1,2",
                "--sample-process", "db=3", "--out", "/tmp/x");
        assertThat(closed.targets()).containsExactly(new TargetSpec("a", "http://h:1", false), new TargetSpec("s", "http://h:2", true));
        assertThat(closed.users()).containsExactly(7);
        assertThat(closed.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(closed.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(closed.gap()).isEqualTo(Duration.ofSeconds(1));
        assertThat(closed.warmup()).isFalse();
        assertThat(closed.warmupUsers()).isEqualTo(9);
        assertThat(closed.warmupRounds()).isEqualTo(4);
        assertThat(closed.completionWait()).isZero();
        assertThat(closed.pollInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(closed.pollConnections()).isEqualTo(8);
        assertThat(closed.sampledProcesses()).extracting(Object::toString).containsExactly("api=1,2", "db=3");
        assertThat(closed.out()).isEqualTo(Path.of("/tmp/x"));
        assertThat(parse("--target", "a=http://h:1", "--sweep", "5, 6").users()).containsExactly(5, 6);
        assertThat(parse("--target", "a=http://h:1", "--request-timeout", "4s").requestTimeout()).isEqualTo(Duration.ofSeconds(4));

        RunOptions open = parse("--target", "a=http://h:1", "--users", "20", "--open-loop", "--rate", "3", "--duration", "1m");
        assertThat(open.maxInFlight()).as("defaults to --users").isEqualTo(20);
        assertThat(open.peakConnections()).isEqualTo(20 + 32);
    }

    @Test
    void defaultsAreTheOnesTheHelpShows() {
        RunOptions options = parse("--target", "a=http://h:1", "--users", "50");
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.warmupRounds()).isEqualTo(3);
        assertThat(options.warmupUsers()).isEqualTo(50);
        assertThat(options.pollInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(options.pollConnections()).isEqualTo(32);
        assertThat(options.stubTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(RunOptions.usage()).contains("(default 5s)","(also --request-timeout) (default 60s)",
                "TCP connect timeout (default 10s)", "pause between phases (default 5s)", "(default 3)", "(default 120s)",
                "(default 200ms)", "(default 32)");
    }

    @Test
    void help_listsEveryOptionOfTheTable_andEveryName() {
        String usage = RunOptions.usage();
        for (Option<RunOptions.Draft> option : RunOptions.OPTIONS.options()) {
            for (String name : option.names()) {
                assertThat(usage).contains(name);
            }
            assertThat(usage).contains(option.synopsis());
        }
        assertThat(RunOptions.OPTIONS.options()).hasSize(21);
        assertThat(usage).contains("perf compare BASE.json NEW.json", "perf merge A/report.json", "durations: 500ms");
        assertThat(usage.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
    }

    @Test
    void theApiKey_comesFromItsFile_elseFromTheEnvironment_elseThereIsNone(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("admin.key"), "wfa_from_file\n");
        Path named = Files.writeString(dir.resolve("named.key"), "wfa_named\n");

        assertThat(RunOptions.parse(List.of("--target", "a=http://h:1", "--api-key-file", file.toString()),
                Map.of("WORKFLOW_API_KEY", "wfa_env")).apiKey()).isEqualTo("wfa_from_file");
        assertThat(RunOptions.parse(List.of("--target", "a=http://h:1"), Map.of("WORKFLOW_API_KEY", "wfa_env")).apiKey())
                .isEqualTo("wfa_env");
        assertThat(RunOptions.parse(List.of("--target", "a=http://h:1"), Map.of("WORKFLOW_API_KEY_FILE", named.toString())).apiKey())
                .isEqualTo("wfa_named");
        assertThat(parse("--target", "a=http://h:1").apiKey()).isNull();
        assertThatThrownBy(() -> parse("--target", "a=http://h:1", "--api-key-file", dir.resolve("missing").toString()))
                .hasMessageContaining("--api-key-file");
    }

    @Test
    void optionsThatNeedAValue_sayWhenItIsMissing() {
        for (Option<RunOptions.Draft> option : RunOptions.OPTIONS.options()) {
            if (option.takesValue()) {
                assertThatThrownBy(() -> parse("--target", "a=http://h:1", option.name()))
                        .hasMessage(option.name() + " needs a value");
            }
        }
        assertThatThrownBy(() -> parse("--target", "a=http://h:1", "extra")).hasMessage("unknown option: extra");
    }

    @Test
    void givenAnUnknownOption_perfRunExitsWithTwo_andPrintsTheHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(List.of("run", "--target", "a=http://h:1", "--frobnicate"), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(ExitCode.USAGE).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("perf: unknown option: --frobnicate\n")
                .contains("run options:", "--sample-process name=pid[,pid]");
        assertThat(Main.run(List.of("--help"), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(RunOptions.usage());
    }

    @Test
    void readsDurationsInEveryUnit() {
        assertThat(DurationText.parse("x", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("x", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("x", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("x", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("x", "60")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ofSeconds(5))).isEqualTo("5s");
    }
}
