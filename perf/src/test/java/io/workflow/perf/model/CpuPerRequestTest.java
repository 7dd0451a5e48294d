package io.workflow.perf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.workflow.perf.testing.SampleReports;

/** CPU per request from sampled CPU seconds and the successful requests of each phase. */
class CpuPerRequestTest {

    /** 1,000 users × 7 requests, none failed: 7,000 successful requests. */
    private static PhaseResult phase(String target, boolean stub, ResourceUsage... groups) {
        return SampleReports.withResources(SampleReports.phase(target, stub, 1000, 2.0, 0, 1, 100), List.of(groups));
    }

    @Test
    void eachGroupsCpuSecondsOverTheSuccessfulRequests_andTheirTotal() {
        CpuPerRequest cpu = CpuPerRequest.of(phase("full", false, SampleReports.cpu("api", 7.0), SampleReports.cpu("postgres", 3.5),
                SampleReports.cpu(ResourceUsage.DRIVER, 0.7)));
        assertThat(cpu.requests()).isEqualTo(7000);
        assertThat(cpu.groups()).extracting(CpuPerRequest.Group::name).containsExactly("api", "postgres", "driver");
        assertThat(cpu.groupMicros("api")).hasValueSatisfying(v -> assertThat(v).isCloseTo(1000, within(1e-9)));
        assertThat(cpu.groupMicros("postgres")).hasValueSatisfying(v -> assertThat(v).isCloseTo(500, within(1e-9)));
        assertThat(cpu.groupMicros("driver")).hasValueSatisfying(v -> assertThat(v).isCloseTo(100, within(1e-9)));
        assertThat(cpu.totalMicros()).isCloseTo(1600, within(1e-9));
        assertThat(cpu.ratioToDriverOnStub()).isNull();
    }

    @Test
    void failedRequestsAreNotInTheDenominator() {
        PhaseResult failing = SampleReports.withResources(SampleReports.phase("java", false, 1000, 2.0, 100, 1, 100),
                List.of(SampleReports.cpu("api", 6.7)));
        // 7,000 planned, 200 not sent after the 100 failures, 100 failed: 6,700 succeeded
        assertThat(failing.requests().succeeded()).isEqualTo(6700);
        assertThat(CpuPerRequest.of(failing).totalMicros()).isCloseTo(1000, within(1e-9));
    }

    @Test
    void aTargetIsSetAgainstTheDriverOnTheStubOfItsCeilingCheck() {
        PhaseResult target = phase("full", false, SampleReports.cpu("api", 10.5), SampleReports.cpu(ResourceUsage.DRIVER, 3.5));
        PhaseResult stub = phase("stub", true, SampleReports.cpu("api", 0), SampleReports.cpu(ResourceUsage.DRIVER, 0.7));
        PhaseResult other = SampleReports.withResources(SampleReports.phase("full", false, 100, 1.0, 0, 1, 100),
                List.of(SampleReports.cpu(ResourceUsage.DRIVER, 0.07)));
        List<PhaseResult> phases = List.of(target, stub, other);
        List<CpuPerRequest> all = CpuPerRequest.of(phases, CeilingCheck.of(phases));

        assertThat(all).hasSize(3);
        CpuPerRequest full = all.getFirst();
        assertThat(full.totalMicros()).isCloseTo(2000, within(1e-9));
        assertThat(full.stubTarget()).isEqualTo("stub");
        assertThat(full.driverOnStubMicros()).isCloseTo(100, within(1e-9));
        assertThat(full.ratioToDriverOnStub()).isCloseTo(20, within(1e-9));
        CpuPerRequest onStub = all.get(1);
        assertThat(onStub.stub()).isTrue();
        assertThat(onStub.totalMicros()).isCloseTo(100, within(1e-9));
        assertThat(onStub.ratioToDriverOnStub()).isNull();
        CpuPerRequest withoutStub = all.get(2);
        assertThat(withoutStub.concurrency()).isEqualTo(100);
        assertThat(withoutStub.totalMicros()).isCloseTo(100, within(1e-9));
        assertThat(withoutStub.stubTarget()).isNull();
        assertThat(withoutStub.ratioToDriverOnStub()).isNull();
    }

    @Test
    void givenNothingSampledOrServed_thereIsNoFigure() {
        ResourceUsage neverSeen = new ResourceUsage("gone", List.of(99L), 0, 0, 0, 0.0, 0, 0, List.of());
        assertThat(CpuPerRequest.of(phase("java", false, neverSeen)).totalMicros()).isNull();
        assertThat(CpuPerRequest.of(phase("java", false, neverSeen)).groups().getFirst().micros()).isNull();
        assertThat(CpuPerRequest.of(phase("java", false)).totalMicros()).isNull();
        PhaseResult nothingServed = SampleReports.withResources(SampleReports.phase("java", false, 0, 1, 0, 1, 100),
                List.of(SampleReports.cpu("api", 1)));
        assertThat(nothingServed.requests().succeeded()).isZero();
        assertThat(CpuPerRequest.of(nothingServed).totalMicros()).isNull();
    }

    @Test
    void reportsWithoutCpuSeconds_deriveThemFromTheSeries() {
        // 40 % of a core for 0.5 s, then 80 % for 0.5 s, then 20 % for 1 s
        ResourceUsage old = new ResourceUsage("api", List.of(1L), 3, 46.7, 80, null, 100, 100, List.of(
                new ResourcePoint(0.5, 40, 100), new ResourcePoint(1.0, 80, 100), new ResourcePoint(2.0, 20, 100)));
        assertThat(old.cpuSeconds()).isCloseTo(0.2 + 0.4 + 0.2, within(1e-9));
    }
}
