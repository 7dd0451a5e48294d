package io.workflow.perf.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.workflow.perf.faults.Fault;
import io.workflow.perf.faults.SuitePlan;

class FaultsCommandTest {

    private static SuitePlan parse(String... args) {
        return FaultsCommand.parse(List.of(args)).plan();
    }

    @Test
    void defaults_runEveryFault_atTenPerSecond_withinFifteenMinutes() {
        SuitePlan plan = parse();

        assertThat(plan.faults()).containsExactlyElementsOf(Fault.all());
        assertThat(plan.rate()).isEqualTo(10);
        assertThat(plan.finalWait()).isEqualTo(Duration.ofSeconds(150));
        assertThat(plan.kafkaDown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.maxErrors()).isNull();
        assertThat(plan.maxDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(plan.target().url()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void theShortSuitesOptions_areRead() {
        SuitePlan plan = parse("--faults", "api-kill,worker-kill", "--max-errors", "0", "--final-wait", "90s", "--rate", "15");

        assertThat(plan.faults()).containsExactly(Fault.API_KILL, Fault.WORKER_KILL);
        assertThat(plan.maxErrors()).isZero();
        assertThat(plan.finalWait()).isEqualTo(Duration.ofSeconds(90));
        assertThat(plan.rate()).isEqualTo(15);
    }

    @Test
    void badValues_areRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("--faults", "api-kill,meteor")).hasMessageContaining("unknown fault: meteor");
        assertThatThrownBy(() -> parse("--max-errors", "-1")).hasMessageContaining("--max-errors");
        assertThatThrownBy(() -> parse("--max-duration", "2m")).hasMessageContaining("leaves no time for faults");
        assertThatThrownBy(() -> parse("--target", "https://x")).hasMessageContaining("only http://");
    }
}
