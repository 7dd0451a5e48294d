package io.workflow.perf;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
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
        boolean openLoop,
        double rate,
        Duration duration,
        int maxInFlight,
        Duration completionWait,
        Duration pollInterval,
        int pollConnections,
        List<ProcessSpec> sampledProcesses,
        Path out) {

    static final int DEFAULT_USERS = 1000;
    static final int DEFAULT_WARMUP_USERS = 1000;
    /** A 1,000-user phase is over in about a second; the JIT needs some 20,000 requests to compile the hot paths. */
    static final int DEFAULT_WARMUP_ROUNDS = 3;

    /** Environment variables the seed's runner read, each naming its target. */
    private static final Map<String, String> TARGET_VARIABLES = Map.of(
            "PYTHON_API_URL", "python",
            "RUST_API_URL", "rust",
            "JAVA_API_URL", "java",
            "TARGET_URL", "target");
    private static final List<String> TARGET_VARIABLE_ORDER = List.of("PYTHON_API_URL", "RUST_API_URL", "JAVA_API_URL", "TARGET_URL");

    static String usage() {
        return """
                usage: perf [run] [options]          run the seven-request flow against each target, write reports
                       perf compare BASE.json NEW.json [--threshold metric=value]...
                                                     regression verdict per metric; exit 1 when one regressed
                       perf merge A/report.json B/report.json... [--out DIR] [--title TEXT]
                                                     one report of the phases of several runs (e.g. one per
                                                     topology); same-named targets become A/name, B/name

                run options:
                  --target name=url         a target; repeatable, run in order (env: PYTHON_API_URL, RUST_API_URL,
                                            JAVA_API_URL, TARGET_URL)
                  --stub name | name=url    the target answering canned responses: the client's own ceiling
                  --users N                 concurrent users (env: CONCURRENCY; default 1000)
                  --sweep 1000,100,10000    several user counts; the first one is the headline of the report
                  --requests-timeout D      per-request timeout (default 60s)
                  --connect-timeout D       TCP connect timeout (default 10s)
                  --gap D                   pause between phases (default 5s)
                  --no-warmup               skip the uncounted warm-up pass
                  --warmup-users N          users of each warm-up round (default min(users, 1000))
                  --warmup-rounds N         warm-up rounds before each measured phase (default 3)
                  --open-loop --rate R --duration D [--max-in-flight N]
                                            start R flows per second for D, whatever the latency; N caps the flows
                                            in flight (default: --users), later ones are dropped and counted
                  --completion-wait D       how long to poll triggered runs until terminal (default 120s; 0 = off)
                  --poll-interval D         between polling rounds (default 200ms)
                  --poll-connections N      connections used for polling (default 32)
                  --sample-process name=pid[,pid]  sample CPU and RSS of these processes and their children
                  --out DIR                 where report.md, report.json and report.html go
                                            (default perf-results/run-<timestamp>)
                durations: 500ms, 60s, 2m, or bare seconds
                """;
    }

    static RunOptions parse(List<String> args, Map<String, String> env) {
        Map<String, TargetSpec> targets = new LinkedHashMap<>();
        List<String> stubs = new ArrayList<>();
        List<Integer> users = null;
        Integer maxInFlight = null;
        Duration requestTimeout = Duration.ofSeconds(60);
        Duration connectTimeout = Duration.ofSeconds(10);
        Duration gap = Duration.ofSeconds(5);
        boolean warmup = true;
        Integer warmupUsers = null;
        int warmupRounds = DEFAULT_WARMUP_ROUNDS;
        boolean openLoop = false;
        Double rate = null;
        Duration duration = null;
        Duration completionWait = Duration.ofSeconds(120);
        Duration pollInterval = Duration.ofMillis(200);
        int pollConnections = 32;
        List<ProcessSpec> processes = new ArrayList<>();
        Path out = null;

        Iterator<String> it = args.iterator();
        while (it.hasNext()) {
            String option = it.next();
            switch (option) {
                case "--target" -> addTarget(targets, value(it, option), false);
                case "--stub" -> {
                    String stub = value(it, option);
                    if (stub.contains("=")) {
                        addTarget(targets, stub, true);
                    } else {
                        stubs.add(stub);
                    }
                }
                case "--users" -> users = List.of(positive(option, value(it, option)));
                case "--sweep" -> {
                    users = new ArrayList<>();
                    for (String n : value(it, option).split(",")) {
                        users.add(positive(option, n.trim()));
                    }
                }
                case "--requests-timeout", "--request-timeout" -> requestTimeout = positiveDuration(option, value(it, option));
                case "--connect-timeout" -> connectTimeout = positiveDuration(option, value(it, option));
                case "--gap" -> gap = DurationText.parse(option, value(it, option));
                case "--no-warmup" -> warmup = false;
                case "--warmup-users" -> warmupUsers = positive(option, value(it, option));
                case "--warmup-rounds" -> warmupRounds = positive(option, value(it, option));
                case "--open-loop" -> openLoop = true;
                case "--rate" -> rate = positiveNumber(option, value(it, option));
                case "--duration" -> duration = positiveDuration(option, value(it, option));
                case "--max-in-flight" -> maxInFlight = positive(option, value(it, option));
                case "--completion-wait" -> completionWait = DurationText.parse(option, value(it, option));
                case "--poll-interval" -> pollInterval = positiveDuration(option, value(it, option));
                case "--poll-connections" -> pollConnections = positive(option, value(it, option));
                case "--sample-process" -> processes.add(ProcessSpec.parse(value(it, option)));
                case "--out" -> out = Path.of(value(it, option));
                default -> throw new IllegalArgumentException("unknown option: " + option);
            }
        }

        if (targets.isEmpty()) {
            for (String variable : TARGET_VARIABLE_ORDER) {
                String url = env.get(variable);
                if (url != null && !url.isBlank()) {
                    targets.put(TARGET_VARIABLES.get(variable), new TargetSpec(TARGET_VARIABLES.get(variable), url.trim(), false));
                }
            }
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
        int inFlight = maxInFlight != null ? maxInFlight : users.get(0);
        int warmupCount = warmupUsers != null ? warmupUsers : Math.min(users.get(0), DEFAULT_WARMUP_USERS);
        if (out == null) {
            out = Path.of("perf-results", "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return new RunOptions(List.copyOf(targets.values()), List.copyOf(users), requestTimeout, connectTimeout, gap,
                warmup, warmupCount, warmupRounds, openLoop, rate == null ? 0 : rate, duration, inFlight, completionWait, pollInterval,
                pollConnections, List.copyOf(processes), out);
    }

    /** The users the client side holds connections for at once, the largest load level plus the pollers. */
    int peakConnections() {
        int peak = openLoop ? maxInFlight : users.stream().mapToInt(Integer::intValue).max().orElse(0);
        return peak + pollConnections;
    }

    private static void addTarget(Map<String, TargetSpec> targets, String spec, boolean stub) {
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

    private static String value(Iterator<String> it, String option) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return it.next();
    }

    private static int positive(String option, String text) {
        try {
            int n = Integer.parseInt(text.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": not a positive whole number: " + text);
    }

    private static double positiveNumber(String option, String text) {
        try {
            double n = Double.parseDouble(text);
            if (n > 0 && !Double.isInfinite(n)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": not a positive number: " + text);
    }

    private static Duration positiveDuration(String option, String text) {
        Duration duration = DurationText.parse(option, text);
        if (duration.isZero()) {
            throw new IllegalArgumentException(option + " must be above zero");
        }
        return duration;
    }
}
