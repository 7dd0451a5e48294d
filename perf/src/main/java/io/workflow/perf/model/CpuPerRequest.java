package io.workflow.perf.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CPU time each sampled process group spent per successful request of a phase, in microseconds, and their total.
 * For a target checked against a stub (see {@link CeilingCheck}), {@code driverOnStubMicros} is the driver's own CPU
 * per request in that stub phase, and {@code ratioToDriverOnStub} the total over it: what the whole system spends per
 * request, in units of what the driver alone needs against canned answers. A figure is null where it is undefined
 * (no successful request, no group sampled, no stub).
 */
public record CpuPerRequest(
        int concurrency,
        String target,
        boolean stub,
        long requests,
        List<Group> groups,
        Double totalMicros,
        String stubTarget,
        Double driverOnStubMicros,
        Double ratioToDriverOnStub) {

    /** One process group: its CPU seconds in the measured phase and its share per successful request. */
    public record Group(String name, double cpuSeconds, Double micros) {
    }

    public CpuPerRequest {
        groups = List.copyOf(groups);
    }

    /**
     * One phase's own figures. The denominator is the successful requests: a failed request costs the stack something
     * else than a served one, and a failing stack must not look cheaper. Groups that were never seen alive (no
     * sample) have no figure and are left out of the total.
     */
    public static CpuPerRequest of(PhaseResult phase) {
        List<Group> groups = new ArrayList<>();
        long requests = phase.requests().succeeded();
        double total = 0;
        boolean any = false;
        for (ResourceUsage usage : phase.resources() == null ? List.<ResourceUsage>of() : phase.resources()) {
            boolean seen = usage.samples() > 0;
            groups.add(new Group(usage.name(), usage.cpuSeconds(), seen ? perRequest(usage.cpuSeconds(), requests) : null));
            if (seen) {
                total += usage.cpuSeconds();
                any = true;
            }
        }
        return new CpuPerRequest(phase.concurrency(), phase.target(), phase.stub(), requests, groups,
                any ? perRequest(total, requests) : null, null, null, null);
    }

    /** Every phase's figures; a target with a ceiling check is set against the driver in its stub phase. */
    public static List<CpuPerRequest> of(List<PhaseResult> phases, List<CeilingCheck> ceilings) {
        List<CpuPerRequest> all = new ArrayList<>();
        for (PhaseResult phase : phases) {
            CpuPerRequest own = of(phase);
            Optional<PhaseResult> stub = ceilings.stream()
                    .filter(c -> c.concurrency() == phase.concurrency() && c.target().equals(phase.target())).findFirst()
                    .flatMap(c -> phases.stream().filter(p -> p.stub() && p.concurrency() == c.concurrency()
                            && p.target().equals(c.stub())).findFirst());
            Double driver = stub.flatMap(s -> of(s).groupMicros(ResourceUsage.DRIVER)).orElse(null);
            Double ratio = own.totalMicros() == null || driver == null || driver == 0 ? null : own.totalMicros() / driver;
            all.add(new CpuPerRequest(own.concurrency(), own.target(), own.stub(), own.requests(), own.groups(),
                    own.totalMicros(), stub.map(PhaseResult::target).orElse(null), driver, ratio));
        }
        return all;
    }

    /** The figure of the group called {@code name}, if it was sampled. */
    public Optional<Double> groupMicros(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst().map(Group::micros);
    }

    private static Double perRequest(double cpuSeconds, long requests) {
        return requests == 0 ? null : cpuSeconds * 1e6 / requests;
    }
}
