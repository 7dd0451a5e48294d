package io.workflow.perf.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.workflow.perf.model.CeilingCheck;
import io.workflow.perf.model.CompletionResult;
import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.Environment;
import io.workflow.perf.model.ErrorKindCount;
import io.workflow.perf.model.ErrorSummary;
import io.workflow.perf.model.LatencySummary;
import io.workflow.perf.model.Multipliers;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.RequestCounts;
import io.workflow.perf.model.ResourcePoint;
import io.workflow.perf.model.ResourceUsage;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.model.Settings;
import io.workflow.perf.model.TargetSpec;
import io.workflow.perf.model.Throughput;
import io.workflow.perf.model.TimelinePoint;
import io.workflow.perf.model.UserCounts;
import io.workflow.perf.model.WarmupResult;

/** Report models with known figures, for testing the report formats and compare without running load. */
public final class SampleReports {

    private static final String[] ENDPOINTS = {"GET /health", "GET /", "POST /api/v1/workflows", "GET /api/v1/workflows/{id}",
            "POST /api/v1/trigger", "GET /api/v1/runs/{id}", "GET /api/v1/runs?limit=50"};

    private SampleReports() {
    }

    /** Latencies spread evenly over [lowMs, highMs], {@code count} of them. */
    public static LatencySummary latency(double lowMs, double highMs, int count) {
        Histogram histogram = new Histogram(1, 3_600_000_000L, 3);
        for (int i = 0; i < count; i++) {
            histogram.recordValue(Math.round(1000 * (lowMs + (highMs - lowMs) * i / Math.max(1, count - 1))));
        }
        return LatencySummary.from(histogram);
    }

    /**
     * One phase of {@code users} users over {@code wallSeconds}, with {@code failed} requests failing as HTTP 5xx
     * on the trigger, latencies between {@code lowMs} and {@code highMs}.
     */
    public static PhaseResult phase(String target, boolean stub, int users, double wallSeconds, long failed,
                                    double lowMs, double highMs) {
        long planned = users * 7L;
        long sent = planned - failed * 2; // each failure at the trigger skips the two requests after it
        long succeeded = sent - failed;
        List<EndpointResult> endpoints = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS.length; i++) {
            long endpointSent = i <= 4 ? users : users - failed;
            long endpointFailed = i == 4 ? failed : 0;
            String[] parts = ENDPOINTS[i].split(" ", 2);
            endpoints.add(new EndpointResult(ENDPOINTS[i], parts[0], parts[1], i < 2 ? "static" : "db",
                    endpointSent, endpointSent - endpointFailed, endpointFailed,
                    latency(lowMs * (1 + i * 0.1), highMs * (1 + i * 0.1), (int) Math.min(endpointSent, 2000))));
        }
        List<ErrorKindCount> kinds = failed == 0 ? List.of() : List.of(new ErrorKindCount("HTTP_5XX", "HTTP 5xx", failed,
                new LinkedHashMap<>(Map.of("POST /api/v1/trigger", failed)),
                List.of("POST /api/v1/trigger -> 500: {\"detail\":\"<boom> & \\\"quotes\\\"\"}")));
        long triggered = users - failed;
        CompletionResult completion = new CompletionResult(triggered, triggered - 1, 1, 0, triggered * 2, 0, 120, 3.5, 0.2,
                latency(1000, 1800, (int) triggered), latency(1000, 1010, (int) triggered));
        List<TimelinePoint> timeline = new ArrayList<>();
        int points = Math.max(2, (int) Math.ceil(wallSeconds / 0.5));
        for (int i = 1; i <= points; i++) {
            timeline.add(new TimelinePoint(i * 0.5, sent / points, failed / points, sent / points / 0.5, failed / points / 0.5,
                    (long) users * i / points, lowMs + i, highMs - i));
        }
        // CPU seconds left null: derived from the series (target 0.8325 s, driver 0.3 s)
        List<ResourceUsage> resources = List.of(
                new ResourceUsage(target, List.of(4242L), 3, 55.5, 80.25, null, 210.5, 230.75,
                        List.of(new ResourcePoint(0.5, 40, 200), new ResourcePoint(1.0, 80.25, 230.75), new ResourcePoint(1.5, 46.25, 200.75))),
                new ResourceUsage("driver", List.of(1L), 3, 20, 30, null, 100, 110,
                        List.of(new ResourcePoint(0.5, 10, 90), new ResourcePoint(1.0, 30, 110), new ResourcePoint(1.5, 20, 100))));
        return new PhaseResult(target, "http://127.0.0.1:" + (stub ? 18080 : 8080) + "/", stub, PhaseResult.CLOSED_LOOP, users,
                "2025-06-01T10:00:00Z", wallSeconds,
                new RequestCounts(planned, sent, succeeded, failed, planned - sent),
                new UserCounts(users, users - failed, failed),
                new Throughput(sent / wallSeconds, succeeded / wallSeconds),
                latency(lowMs, highMs, (int) Math.min(sent, 5000)),
                endpoints,
                new ErrorSummary(failed, 100.0 * failed / sent, kinds, List.of()),
                completion, null,
                new WarmupResult(3, 1000, 21000, 21000, 0, 6.5, 3230.8),
                resources, timeline);
    }

    /**
     * One run against one topology, as {@code run --target CONTENDER=... --stub stub} would write it: the contender and
     * the stub at each of {@code levels}, the contender's wall time (and so its throughput) {@code wallSeconds} per
     * 1,000 users, the stub's {@code stubWallSeconds}; the run's command line names {@code host}.
     */
    public static RunReport topology(String contender, double wallSeconds, double stubWallSeconds, String host, String generatedAt,
                                     int... levels) {
        List<PhaseResult> phases = new ArrayList<>();
        List<CeilingCheck> ceilings = new ArrayList<>();
        List<Integer> users = new ArrayList<>();
        for (int level : levels) {
            PhaseResult target = phase(contender, false, level, wallSeconds * level / 1000, level / 200, 10 * wallSeconds, 400 * wallSeconds);
            PhaseResult stub = phase("stub", true, level, stubWallSeconds * level / 1000, 0, 0.2, 90);
            phases.add(target);
            phases.add(stub);
            ceilings.add(CeilingCheck.of(target, stub));
            users.add(level);
        }
        Settings settings = new Settings(
                List.of(new TargetSpec(contender, "http://" + host + ":8080/", false), new TargetSpec("stub", "http://127.0.0.1:18080/", true)),
                users, PhaseResult.CLOSED_LOOP, 7, 60, 10, 5, true, 1000, 3, null, null, null, 120, 0.2, List.of(contender + "=4242"), 5.0);
        Environment environment = new Environment("java -jar perf/target/perf.jar run --target " + contender + "=http://" + host
                + ":8080 --stub stub=http://127.0.0.1:18080 --out " + host, List.of("run", "--target", contender + "=http://" + host + ":8080"),
                "0.1.0-SNAPSHOT", "25+36", "Eclipse Adoptium", "/usr/lib/jvm/temurin-25-jdk-amd64", "Linux amd64", "6.1.0",
                "Test CPU @ 2.0GHz", 2, 24105, 20000, host + "-box");
        return new RunReport(RunReport.SCHEMA, generatedAt, environment, settings, "stub", phases,
                List.of(), ceilings);
    }

    /** The phase with other process groups sampled. */
    public static PhaseResult withResources(PhaseResult p, List<ResourceUsage> resources) {
        return new PhaseResult(p.target(), p.url(), p.stub(), p.mode(), p.concurrency(), p.startedAt(), p.wallSeconds(), p.requests(),
                p.users(), p.throughput(), p.latency(), p.endpoints(), p.errors(), p.completion(), p.openLoop(), p.warmup(),
                resources, p.timeline());
    }

    /** A group that spent {@code cpuSeconds} in the phase, sampled twice. */
    public static ResourceUsage cpu(String name, double cpuSeconds) {
        return new ResourceUsage(name, List.of(7L), 2, 50, 60, cpuSeconds, 100, 110,
                List.of(new ResourcePoint(0.25, 40, 100), new ResourcePoint(0.5, 60, 110)));
    }

    /** The report with every sampled group's CPU time multiplied by {@code factor}, every other figure as it was. */
    public static RunReport withCpu(RunReport report, double factor) {
        List<PhaseResult> phases = report.phases().stream().map(p -> withResources(p, p.resources().stream()
                .map(r -> new ResourceUsage(r.name(), r.pids(), r.samples(), r.cpuPercentMean(), r.cpuPercentMax(),
                        r.cpuSeconds() * factor, r.rssMbMean(), r.rssMbMax(), r.series())).toList())).toList();
        return new RunReport(report.schema(), report.generatedAt(), report.environment(), report.settings(), report.stubTarget(),
                phases, report.multipliers(), report.ceilings());
    }

    /** java and python contenders plus the stub at {@code levels}; {@code slowdown} stretches every latency and wall time. */
    public static RunReport report(double slowdown, int... levels) {
        List<PhaseResult> phases = new ArrayList<>();
        for (int users : levels) {
            phases.add(phase("python", false, users, 6.46 * slowdown * users / 1000, users / 100, 48.8 * slowdown, 1137 * slowdown));
            phases.add(phase("java", false, users, 1.74 * slowdown * users / 1000, 0, 11.77 * slowdown, 512 * slowdown));
            phases.add(phase("stub", true, users, 0.35 * users / 1000, 0, 0.2, 90));
        }
        List<Multipliers> multipliers = new ArrayList<>();
        List<CeilingCheck> ceilings = new ArrayList<>();
        for (int users : levels) {
            List<PhaseResult> at = phases.stream().filter(p -> p.concurrency() == users).toList();
            multipliers.add(Multipliers.between(at.get(0), at.get(1)));
            ceilings.add(CeilingCheck.of(at.get(0), at.get(2)));
            ceilings.add(CeilingCheck.of(at.get(1), at.get(2)));
        }
        List<Integer> users = new ArrayList<>();
        for (int level : levels) {
            users.add(level);
        }
        Settings settings = new Settings(
                List.of(new TargetSpec("python", "http://127.0.0.1:8001/", false), new TargetSpec("java", "http://127.0.0.1:8080/", false),
                        new TargetSpec("stub", "http://127.0.0.1:18080/", true)),
                users, PhaseResult.CLOSED_LOOP, 7, 60, 10, 5, true, 1000, 3, null, null, null, 120, 0.2,
                List.of("java=4242", "python=4242"), 5.0);
        Environment environment = new Environment("java -jar perf/target/perf.jar run --target python=... --target java=...",
                List.of("run", "--target", "python=http://127.0.0.1:8001/"), "0.1.0-SNAPSHOT", "25+36", "Eclipse Adoptium",
                "/usr/lib/jvm/temurin-25-jdk-amd64", "Linux amd64", "6.1.0", "Test CPU @ 2.0GHz", 2, 24105, 20000, "bench-host");
        return new RunReport(RunReport.SCHEMA, "2025-06-01T10:00:05Z", environment, settings, "stub", phases, multipliers, ceilings);
    }
}
