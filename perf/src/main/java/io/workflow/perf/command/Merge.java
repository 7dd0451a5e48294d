package io.workflow.perf.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.workflow.perf.model.CeilingCheck;
import io.workflow.perf.model.CpuPerRequest;
import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.Multipliers;
import io.workflow.perf.model.Environment;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.ReportSource;
import io.workflow.perf.model.ResourceUsage;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.model.Settings;
import io.workflow.perf.model.TargetSpec;
import io.workflow.perf.report.JsonReport;

/**
 * The work of {@code perf merge}: one report of the phases of several runs, as if they had
 * been one run with several targets. Phases are copied unchanged; a target name found in more than one input is
 * prefixed by its input's name ({@code single/stub}, {@code full/stub}). Multipliers are taken between all contenders
 * at a load level; the client-ceiling check pairs each target with the stub of its own input.
 */
final class Merge {

    /** A report read from {@code file}, to be called {@code name} in the merged one. */
    record Input(String name, String file, RunReport report) {
    }

    private Merge() {
    }

    /** Reads every file; IllegalArgumentException with the file's name and what is wrong with it. */
    static List<Input> read(List<String> files) {
        List<Input> inputs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String file : files) {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(file + ": no such file");
            }
            RunReport report;
            try {
                report = JsonReport.read(path);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": not a readable perf report: " + firstLine(e.getMessage()));
            }
            validate(file, report);
            String name = sourceName(path);
            String unique = name;
            for (int n = 2; !names.add(unique); n++) {
                unique = name + "-" + n;
            }
            inputs.add(new Input(unique, file, report));
        }
        return inputs;
    }

    private static void validate(String file, RunReport report) {
        if (report.merged()) {
            throw new IllegalArgumentException(file + ": already a merged report; merge the reports it was made from");
        }
        if (report.settings() == null || report.environment() == null || report.settings().targets() == null) {
            throw new IllegalArgumentException(file + ": has no settings or environment");
        }
        if (report.phases() == null || report.phases().isEmpty()) {
            throw new IllegalArgumentException(file + ": has no phases");
        }
        for (PhaseResult phase : report.phases()) {
            if (phase.target() == null || phase.latency() == null || phase.throughput() == null || phase.endpoints() == null
                    || phase.requests() == null || phase.errors() == null || phase.completion() == null) {
                throw new IllegalArgumentException(file + ": a phase lacks its target, counts or latencies");
            }
        }
    }

    /** {@code single/report.json} is {@code single}; {@code full.json} is {@code full}. */
    static String sourceName(Path file) {
        String fileName = file.getFileName().toString();
        if (fileName.equals("report.json")) {
            Path parent = file.toAbsolutePath().normalize().getParent();
            return parent == null || parent.getFileName() == null ? "report" : parent.getFileName().toString();
        }
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - ".json".length()) : fileName;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * The merged report: load levels in the order they first appear, at each level the phases of each input in
     * input order. {@code environment} is where the merge ran; each input's own is in its {@link ReportSource}.
     */
    static RunReport merge(List<Input> inputs, Environment environment, String title, String generatedAt) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no report to merge");
        }
        checkComparable(inputs);
        Map<String, Integer> inputsPerName = new HashMap<>();
        for (Input input : inputs) {
            targetNames(input.report()).forEach(name -> inputsPerName.merge(name, 1, Integer::sum));
        }
        List<ReportSource> sources = new ArrayList<>();
        List<List<PhaseResult>> renamed = new ArrayList<>();
        List<TargetSpec> targets = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Input input : inputs) {
            Map<String, String> names = new LinkedHashMap<>();
            for (String name : targetNames(input.report())) {
                String merged = inputsPerName.get(name) > 1 ? input.name() + "/" + name : name;
                if (!taken.add(merged)) {
                    throw new IllegalArgumentException("two targets would both be called " + merged + " (from " + input.file() + ")");
                }
                names.put(name, merged);
            }
            RunReport report = input.report();
            renamed.add(report.phases().stream().map(p -> rename(p, names)).toList());
            report.settings().targets().forEach(t -> targets.add(new TargetSpec(names.get(t.name()), t.url(), t.stub())));
            sources.add(new ReportSource(input.name(), input.file(), report.phases().getFirst().startedAt(), report.generatedAt(),
                    report.environment(), report.settings(), names));
        }
        List<Integer> levels = new ArrayList<>(new LinkedHashSet<>(
                renamed.stream().flatMap(List::stream).map(PhaseResult::concurrency).toList()));
        List<PhaseResult> phases = new ArrayList<>();
        List<CeilingCheck> ceilings = new ArrayList<>();
        for (int level : levels) {
            for (List<PhaseResult> own : renamed) {
                own.stream().filter(p -> p.concurrency() == level).forEach(phases::add);
                // each target against the stub measured in the same run, never one from another run
                CeilingCheck.of(own).stream().filter(c -> c.concurrency() == level).forEach(ceilings::add);
            }
        }
        String stub = targets.stream().filter(TargetSpec::stub).map(TargetSpec::name).findFirst().orElse(null);
        return new RunReport(RunReport.SCHEMA, generatedAt, environment, settings(inputs, targets, levels), stub, phases,
                Multipliers.of(phases), ceilings, CpuPerRequest.of(phases, ceilings), title, sources);
    }

    /** One run could not have mixed these, so neither can a merged report. */
    private static void checkComparable(List<Input> inputs) {
        Input first = inputs.getFirst();
        List<String> flow = first.report().phases().getFirst().endpoints().stream().map(EndpointResult::endpoint).toList();
        for (Input input : inputs) {
            if (!Objects.equals(first.report().settings().mode(), input.report().settings().mode())) {
                throw new IllegalArgumentException(first.file() + " is " + first.report().settings().mode() + " but "
                        + input.file() + " is " + input.report().settings().mode() + ": cannot merge the two modes");
            }
            for (PhaseResult phase : input.report().phases()) {
                if (!phase.endpoints().stream().map(EndpointResult::endpoint).toList().equals(flow)) {
                    throw new IllegalArgumentException(input.file() + ": phase " + phase.target() + " at " + phase.concurrency()
                            + " ran other endpoints than " + first.file() + " " + flow);
                }
            }
        }
    }

    /** The targets of a report: those of its settings, then any only its phases name. */
    private static Set<String> targetNames(RunReport report) {
        Set<String> names = new LinkedHashSet<>();
        report.settings().targets().forEach(t -> names.add(t.name()));
        report.phases().forEach(p -> names.add(p.target()));
        return names;
    }

    /** The phase under its merged name; the process group sampled under the target's name follows it. */
    private static PhaseResult rename(PhaseResult p, Map<String, String> names) {
        String name = names.get(p.target());
        if (name.equals(p.target())) {
            return p;
        }
        List<ResourceUsage> resources = p.resources() == null ? null : p.resources().stream()
                .map(r -> r.name().equals(p.target()) ? r.named(name) : r)
                .toList();
        return new PhaseResult(name, p.url(), p.stub(), p.mode(), p.concurrency(), p.startedAt(), p.wallSeconds(), p.requests(),
                p.users(), p.throughput(), p.latency(), p.endpoints(), p.errors(), p.completion(), p.openLoop(), p.warmup(),
                resources, p.timeline());
    }

    /**
     * Every target and load level; the other settings are the first input's (each input's own are in its source,
     * and the reports show them side by side where they differ).
     */
    private static Settings settings(List<Input> inputs, List<TargetSpec> targets, List<Integer> levels) {
        Settings s = inputs.getFirst().report().settings();
        List<String> sampled = new ArrayList<>();
        for (Input input : inputs) {
            List<String> own = input.report().settings().sampledProcesses();
            if (own != null) {
                own.stream().filter(p -> !sampled.contains(p)).forEach(sampled::add);
            }
        }
        return new Settings(targets, levels, s.mode(), s.requestsPerUser(), s.requestTimeoutSeconds(), s.connectTimeoutSeconds(),
                s.gapSeconds(), s.warmup(), s.warmupUsers(), s.warmupRounds(), s.openLoopRate(), s.openLoopDurationSeconds(),
                s.maxInFlight(), s.completionWaitSeconds(), s.pollIntervalSeconds(), sampled, s.stubTimeSeconds());
    }
}
