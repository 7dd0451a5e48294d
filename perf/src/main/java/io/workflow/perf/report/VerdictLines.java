package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.workflow.perf.model.CeilingCheck;
import io.workflow.perf.model.ErrorKindCount;
import io.workflow.perf.model.Multipliers;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.report.document.Format;

/** The verdict in sentences, each stating measured figures; nothing here is an opinion the numbers do not carry. */
final class VerdictLines {

    private VerdictLines() {
    }

    static List<String> of(ReportView view, int level, List<Scorecard.Row> scorecard) {
        List<String> lines = new ArrayList<>();
        List<PhaseResult> contenders = view.contenders(level);
        for (PhaseResult phase : contenders) {
            lines.add(phase.target() + " served " + Format.rate(phase.throughput().requestsPerSecond()) + " req/s to "
                    + Format.count(level) + " users, P50 " + Format.ms(phase.latency().p50Ms()) + ", P99 "
                    + Format.ms(phase.latency().p99Ms()) + ", errors " + Format.percent(phase.errors().ratePercent()) + ".");
            lines.add(errorLine(phase));
            if (phase.completion().triggered() > 0) {
                var c = phase.completion();
                lines.add(phase.target() + ": " + Format.count(c.success()) + "/" + Format.count(c.triggered())
                        + " triggered runs reached success, " + Format.count(c.failed()) + " failed, "
                        + Format.count(c.neverFinished()) + " never finished within " + Format.seconds(c.waitLimitSeconds()) + ".");
            }
        }
        for (Multipliers m : view.multipliers(level)) {
            lines.add(m.target() + " vs " + m.baseline() + ": " + Format.times(m.throughput()) + " the throughput, "
                    + Format.times(m.p50Latency()) + " faster at P50, " + Format.times(m.p99Latency()) + " at P99.");
        }
        Map<String, Integer> wins = new LinkedHashMap<>();
        for (Scorecard.Row row : scorecard) {
            // "name" or "name (2.0× better)"; a name may hold spaces itself
            contenders.stream().map(PhaseResult::target)
                    .filter(name -> row.winner().equals(name) || row.winner().startsWith(name + " ("))
                    .max(Comparator.comparingInt(String::length))
                    .ifPresent(winner -> wins.merge(winner, 1, Integer::sum));
        }
        wins.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> lines.add(e.getKey() + " wins " + e.getValue() + " of " + scorecard.size() + " measured categories."));
        for (CeilingCheck c : view.ceilings(level)) {
            lines.add("Client ceiling: " + c.stub() + " answered " + Format.rate(c.stubRequestsPerSecond()) + " req/s, "
                    + Format.times(c.headroom()) + " " + c.target() + "'s figure — "
                    + (c.sufficient() ? "the driver was not the limit." : "below " + Format.times(CeilingCheck.REQUIRED_HEADROOM)
                    + ", so the driver may have been the limit."));
        }
        if (view.ceilings(level).isEmpty()) {
            lines.add("No stub ran at this level, so the driver's own ceiling is unknown here.");
        }
        view.report().cpuPerRequest().stream()
                .filter(c -> c.concurrency() == level && !c.stub() && c.totalMicros() != null)
                .forEach(c -> lines.add(c.target() + " used " + Format.micros(c.totalMicros())
                        + " of CPU per successful request across the sampled processes" + (c.ratioToDriverOnStub() == null ? "."
                        : ", " + Format.times(c.ratioToDriverOnStub()) + " the driver's " + Format.micros(c.driverOnStubMicros())
                        + " per request against " + c.stubTarget() + ".")));
        return lines;
    }

    private static String errorLine(PhaseResult phase) {
        if (phase.errors().total() == 0) {
            return phase.target() + ": " + Format.count(phase.users().completed()) + "/" + Format.count(phase.users().total())
                    + " users completed the full flow, no errors.";
        }
        ErrorKindCount top = phase.errors().kinds().stream().max(Comparator.comparingLong(ErrorKindCount::count)).orElseThrow();
        return phase.target() + ": " + Format.count(phase.errors().total()) + " errors (" + Format.percent(phase.errors().ratePercent())
                + "), most of them " + top.label() + " (" + Format.count(top.count()) + "); "
                + Format.count(phase.users().completed()) + "/" + Format.count(phase.users().total()) + " users completed the flow.";
    }
}
