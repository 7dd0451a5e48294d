package io.workflow.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
