package io.workflow.perf.command;

import static io.workflow.perf.command.OptionValues.positive;
import static io.workflow.perf.command.OptionValues.positiveDuration;
import static io.workflow.perf.command.OptionValues.positiveNumber;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.workflow.perf.load.ProcessSpec;
import io.workflow.perf.model.TargetSpec;

/** The options of {@code perf run}, from the command line with the seed's environment variables as fallbacks. */
record RunOptions(
        List<TargetSpec> targets,
        List<Integer> users,
        Duration requestTimeout,
        Duration connectTimeout,
        Duration gap,
        boolean warmup,
        int warmupUsers,
        int warmupRounds,
        Duration stubTime,
        boolean openLoop,
        double rate,
        Duration duration,
        int maxInFlight,
        Duration completionWait,
        Duration pollInterval,
        int pollConnections,
        List<ProcessSpec> sampledProcesses,
        Path out,
        String apiKey) {

    static final int DEFAULT_USERS = 1000;
    static final int DEFAULT_WARMUP_USERS = 1000;

    /** Environment variables the seed's runner read, in order, each naming its target. */
    private static final Map<String, String> TARGET_VARIABLES = orderedMap(
            "PYTHON_API_URL", "python", "RUST_API_URL", "rust", "JAVA_API_URL", "java", "TARGET_URL", "target");

    /** Every option of {@code perf run}: parsing and {@code --help} both come from this table. */
    static final OptionTable<Draft> OPTIONS = new OptionTable<>(List.of(
            Option.<Draft>value("--target", "name=url", "a target; repeatable, run in order (env: "
                    + String.join(", ", TARGET_VARIABLES.keySet()) + ")", (d, v) -> d.addTarget(v, false)),
            Option.<Draft>value("--stub", "name|name=url", "the target answering canned responses: the client's own ceiling",
                    Draft::stub),
            Option.<Draft>value(ApiKeyOption.NAME, "PATH", ApiKeyOption.HELP, (d, v) -> d.apiKeyFile = Path.of(v)),
            Option.<Draft>value("--users", "N", "concurrent users (env: CONCURRENCY; default " + DEFAULT_USERS + ")",
                    (d, v) -> d.users = List.of(positive("--users", v))),
            Option.<Draft>value("--sweep", "a,b,c", "several user counts, e.g. 1000,100,10000; the first one is the headline "
                    + "of the report", Draft::sweep),
            Option.<Draft>value("--requests-timeout", "D", "per request, from connect to the whole response",
                    (d, v) -> d.requestTimeout = positiveDuration("--requests-timeout", v)).alias("--request-timeout").defaultsTo("60s"),
            Option.<Draft>value("--connect-timeout", "D", "TCP connect timeout",
                    (d, v) -> d.connectTimeout = positiveDuration("--connect-timeout", v)).defaultsTo("10s"),
            Option.<Draft>value("--gap", "D", "pause between phases", (d, v) -> d.gap = DurationText.parse("--gap", v)).defaultsTo("5s"),
            Option.<Draft>flag("--no-warmup", "skip the uncounted warm-up passes", d -> d.warmup = false),
            Option.<Draft>value("--warmup-users", "N", "users of each warm-up round (default min(users, " + DEFAULT_WARMUP_USERS + "))",
                    (d, v) -> d.warmupUsers = positive("--warmup-users", v)),
            // a 1,000-user phase is over in about a second; the JIT needs some 20,000 requests to compile the hot paths
            Option.<Draft>value("--warmup-rounds", "N", "warm-up rounds before each measured phase",
                    (d, v) -> d.warmupRounds = positive("--warmup-rounds", v)).defaultsTo("3"),
            // one round of 1,000 users against the stub is over in half a second: a burst, sampled twice
            Option.<Draft>value("--stub-time", "D", "a closed-loop phase against the stub repeats its round of users "
                    + "until it has lasted this long, so the ceiling is measured over seconds, 0 = one round",
                    (d, v) -> d.stubTime = DurationText.parse("--stub-time", v)).defaultsTo("5s"),
            Option.<Draft>flag("--open-loop", "start flows at a fixed rate (--rate) for a while (--duration), whatever the latency",
                    d -> d.openLoop = true),
            Option.<Draft>value("--rate", "R", "open loop: flows started per second", (d, v) -> d.rate = positiveNumber("--rate", v)),
            Option.<Draft>value("--duration", "D", "open loop: how long flows are started",
                    (d, v) -> d.duration = positiveDuration("--duration", v)),
            Option.<Draft>value("--max-in-flight", "N", "open loop: the most flows running at once (default --users); later ones "
                    + "are dropped and counted", (d, v) -> d.maxInFlight = positive("--max-in-flight", v)),
            Option.<Draft>value("--completion-wait", "D", "how long to poll triggered runs until terminal, 0 = off",
                    (d, v) -> d.completionWait = DurationText.parse("--completion-wait", v)).defaultsTo("120s"),
            Option.<Draft>value("--poll-interval", "D", "between polling rounds",
                    (d, v) -> d.pollInterval = positiveDuration("--poll-interval", v)).defaultsTo("200ms"),
            Option.<Draft>value("--poll-connections", "N", "connections used for polling",
                    (d, v) -> d.pollConnections = positive("--poll-connections", v)).defaultsTo("32"),
            Option.<Draft>value("--sample-process", "name=pid[,pid]", "sample CPU and RSS of these processes and their "
                    + "children; repeatable (the driver is always sampled)", (d, v) -> d.processes.add(ProcessSpec.parse(v))),
            Option.<Draft>value("--out", "DIR", "where report.md, report.json and report.html go (default "
                    + "perf-results/run-<timestamp>)", (d, v) -> d.out = Path.of(v))));

    static String usage() {
        return """
                usage: perf [run] [options]          run the seven-request flow against each target, write reports
                       perf compare BASE.json NEW.json [--threshold metric=value]...
                                                     regression verdict per metric; exit 1 when one regressed
                       perf merge A/report.json B/report.json... [--out DIR] [--title TEXT]
                                                     one report of the phases of several runs (e.g. one per
                                                     topology); same-named targets become A/name, B/name
                       perf faults [options]         kill and restart the local stack's components under steady
                                                     traffic; exit 1 when a run was lost (perf faults --help)

                run options:
                """ + OPTIONS.help() + "durations: 500ms, 60s, 2m, or bare seconds\n";
    }

    static RunOptions parse(List<String> args, Map<String, String> env) {
        return OPTIONS.parse(args, new Draft(), OptionTable.noOperands()).build(env);
    }

    /** The users the client side holds connections for at once, the largest load level plus the pollers. */
    int peakConnections() {
        int peak = openLoop ? maxInFlight : users.stream().mapToInt(Integer::intValue).max().orElse(0);
        return peak + pollConnections;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The options as read so far; {@link #build} adds the environment's fallbacks and checks them together. */
    static final class Draft {
        private final Map<String, TargetSpec> targets = new LinkedHashMap<>();
        private Path apiKeyFile;
        private final List<String> stubs = new ArrayList<>();
        private final List<ProcessSpec> processes = new ArrayList<>();
        private List<Integer> users;
        private Duration requestTimeout;
        private Duration connectTimeout;
        private Duration gap;
        private boolean warmup = true;
        private Integer warmupUsers;
        private int warmupRounds;
        private Duration stubTime;
        private boolean openLoop;
        private Double rate;
        private Duration duration;
        private Integer maxInFlight;
        private Duration completionWait;
        private Duration pollInterval;
        private int pollConnections;
        private Path out;

        private void addTarget(String spec, boolean stub) {
            int equals = spec.indexOf('=');
            if (equals <= 0 || equals == spec.length() - 1) {
                throw new IllegalArgumentException("a target is name=url, got " + spec);
            }
            String name = spec.substring(0, equals);
            if (targets.containsKey(name)) {
                throw new IllegalArgumentException("target " + name + " given twice");
            }
            targets.put(name, new TargetSpec(name, spec.substring(equals + 1), stub));
        }

        private void stub(String spec) {
            if (spec.contains("=")) {
                addTarget(spec, true);
            } else {
                stubs.add(spec);
            }
        }

        private void sweep(String levels) {
            users = new ArrayList<>();
            for (String n : levels.split(",")) {
                users.add(positive("--sweep", n.trim()));
            }
        }

        private RunOptions build(Map<String, String> env) {
            if (targets.isEmpty()) {
                TARGET_VARIABLES.forEach((variable, name) -> {
                    String url = env.get(variable);
                    if (url != null && !url.isBlank()) {
                        targets.put(name, new TargetSpec(name, url.trim(), false));
                    }
                });
            }
            for (String stub : stubs) {
                TargetSpec target = targets.get(stub);
                if (target == null) {
                    throw new IllegalArgumentException("--stub " + stub + ": no such target (give --stub name=url to add one)");
                }
                targets.put(stub, new TargetSpec(stub, target.url(), true));
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("no target: give --target name=url (or set TARGET_URL, JAVA_API_URL, ...)");
            }
            if (targets.values().stream().filter(TargetSpec::stub).count() > 1) {
                throw new IllegalArgumentException("only one target can be the stub");
            }
            if (users == null) {
                String concurrency = env.get("CONCURRENCY");
                users = List.of(concurrency == null || concurrency.isBlank() ? DEFAULT_USERS : positive("CONCURRENCY", concurrency.trim()));
            }
            if (openLoop) {
                if (rate == null || duration == null) {
                    throw new IllegalArgumentException("--open-loop needs --rate and --duration");
                }
                if (users.size() > 1) {
                    throw new IllegalArgumentException("--open-loop runs one load level: use --max-in-flight, not --sweep");
                }
            } else if (rate != null || duration != null || maxInFlight != null) {
                throw new IllegalArgumentException("--rate, --duration and --max-in-flight need --open-loop");
            }
            if (out == null) {
                out = RunCommand.defaultOut("run");
            }
            return new RunOptions(List.copyOf(targets.values()), List.copyOf(users), requestTimeout, connectTimeout, gap, warmup,
                    warmupUsers != null ? warmupUsers : Math.min(users.getFirst(), DEFAULT_WARMUP_USERS), warmupRounds, stubTime,
                    openLoop, rate == null ? 0 : rate, duration, maxInFlight != null ? maxInFlight : users.getFirst(), completionWait,
                    pollInterval, pollConnections, List.copyOf(processes), out, ApiKeyOption.read(apiKeyFile, env));
        }
    }
}
