package io.workflow.perf.command;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.workflow.perf.load.Endpoint;
import io.workflow.perf.load.PhaseRunner;
import io.workflow.perf.load.Target;
import io.workflow.perf.model.CeilingCheck;
import io.workflow.perf.model.Environment;
import io.workflow.perf.model.Multipliers;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.model.Settings;
import io.workflow.perf.model.TargetSpec;
import io.workflow.perf.model.WarmupResult;
import io.workflow.perf.report.ConsoleReport;

/** A whole run: every load level against every target in turn, with gaps, then the report model. */
final class Benchmark {

    private final RunOptions options;
    private final PhaseRunner runner;
    private final PrintStream console;

    Benchmark(RunOptions options, PhaseRunner runner, PrintStream console) {
        this.options = options;
        this.runner = runner;
        this.console = console;
    }

    RunReport run(Environment environment) throws InterruptedException {
        List<Target> targets = new ArrayList<>();
        for (TargetSpec spec : options.targets()) {
            // The stub answers canned responses and needs no key; every real target gets the one given.
            Target target = Target.of(spec.name(), spec.url(), spec.stub()).withApiKey(spec.stub() ? null : options.apiKey());
            if (target.address().isUnresolved()) {
                throw new IllegalArgumentException("target " + spec.name() + ": cannot resolve " + target.address().getHostString());
            }
            targets.add(target);
        }
        List<PhaseResult> phases = new ArrayList<>();
        boolean first = true;
        for (int users : options.users()) {
            for (Target target : targets) {
                if (!first && !options.gap().isZero()) {
                    console.printf("-- gap %s%n", DurationText.format(options.gap()));
                    Thread.sleep(options.gap());
                }
                first = false;
                phases.add(phase(target, users));
                ConsoleReport.phase(console, phases.getLast());
            }
        }
        return new RunReport(RunReport.SCHEMA, Instant.now().toString(), environment, settings(), stubName(),
                phases, Multipliers.of(phases), CeilingCheck.of(phases));
    }

    private PhaseResult phase(Target target, int users) throws InterruptedException {
        String load = options.openLoop()
                ? String.format("open loop, %.1f flows/s for %s, at most %d in flight", options.rate(),
                DurationText.format(options.duration()), options.maxInFlight())
                : users + " users";
        console.printf("== %s (%s) at %s%n", target.name(), target.url(), load);
        WarmupResult warmup = null;
        if (options.warmup()) {
            warmup = runner.warmUp(target, options.warmupUsers(), options.warmupRounds());
            console.printf("[%s warm-up] %d x %d users, %d requests, %d failed, last round %.1f req/s (not counted)%n",
                    target.name(), warmup.rounds(), warmup.users(), warmup.sent(), warmup.failed(), warmup.requestsPerSecond());
        }
        return options.openLoop()
                ? runner.openLoop(target, options.rate(), options.duration(), options.maxInFlight(), warmup)
                : runner.closedLoop(target, users, warmup, target.stub() ? options.stubTime() : Duration.ZERO);
    }

    private Settings settings() {
        return new Settings(
                options.targets(),
                options.users(),
                options.openLoop() ? PhaseResult.OPEN_LOOP : PhaseResult.CLOSED_LOOP,
                Endpoint.PER_USER,
                seconds(options.requestTimeout()),
                seconds(options.connectTimeout()),
                seconds(options.gap()),
                options.warmup(),
                options.warmupUsers(),
                options.warmupRounds(),
                options.openLoop() ? options.rate() : null,
                options.openLoop() ? seconds(options.duration()) : null,
                options.openLoop() ? options.maxInFlight() : null,
                seconds(options.completionWait()),
                seconds(options.pollInterval()),
                options.sampledProcesses().stream().map(Object::toString).toList(),
                seconds(options.stubTime()));
    }

    private String stubName() {
        return options.targets().stream().filter(TargetSpec::stub).map(TargetSpec::name).findFirst().orElse(null);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
