package io.workflow.perf.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.workflow.perf.model.ResourcePoint;
import io.workflow.perf.model.ResourceUsage;

/**
 * Samples CPU time and resident memory of process groups from /proc/PID/stat and /proc/PID/status. A group is
 * the given pids and all their descendants (nginx workers, forked replicas), summed. Used by one thread.
 */
final class ProcessSampler {

    private final List<ProcessSpec> specs;
    private final Path proc;
    private final long ticksPerSecond;
    /** One per spec, in the same order (two specs may share a name and must not share their counters). */
    private final List<Group> groups = new ArrayList<>();
    private Map<Long, List<Long>> children = Map.of();
    private long treeReadNanos;

    /** Reading every process's stat is the costly part; the tree of a benchmark's processes rarely changes. */
    private static final long TREE_REFRESH_NANOS = 5_000_000_000L;

    private static final class Group {
        long lastTicks = -1;
        long lastNanos;
        /** CPU ticks between consecutive samples in which the group was alive. */
        long ticks;
        final List<ResourcePoint> series = new ArrayList<>();
    }

    ProcessSampler(List<ProcessSpec> specs, Path proc, long ticksPerSecond) {
        this.specs = List.copyOf(specs);
        this.proc = proc;
        this.ticksPerSecond = ticksPerSecond;
        specs.forEach(spec -> groups.add(new Group()));
    }

    /** The kernel's USER_HZ; it is 100 on every common Linux, which is the fallback when getconf is missing. */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    void sample(double tSeconds, long nowNanos) {
        if (specs.isEmpty()) {
            return;
        }
        if (treeReadNanos == 0 || nowNanos - treeReadNanos >= TREE_REFRESH_NANOS) {
            children = childrenByParent();
            treeReadNanos = nowNanos;
        }
        for (int i = 0; i < specs.size(); i++) {
            ProcessSpec spec = specs.get(i);
            long ticks = 0;
            long rssKb = 0;
            boolean alive = false;
            for (long pid : withDescendants(spec.pids(), children)) {
                long[] usage = read(pid);
                if (usage != null) {
                    alive = true;
                    ticks += usage[0];
                    rssKb += usage[1];
                }
            }
            Group group = groups.get(i);
            if (!alive) {
                group.lastTicks = -1;
                continue;
            }
            if (group.lastTicks >= 0) {
                // a descendant that exited takes its ticks along (they move to its parent's cutime): never negative
                long spent = Math.max(0, ticks - group.lastTicks);
                group.ticks += spent;
                double seconds = (nowNanos - group.lastNanos) / 1e9;
                double cpu = seconds <= 0 ? 0 : 100.0 * spent / ticksPerSecond / seconds;
                group.series.add(new ResourcePoint(tSeconds, cpu, rssKb / 1024.0));
            }
            group.lastTicks = ticks;
            group.lastNanos = nowNanos;
        }
    }

    List<ResourceUsage> summaries() {
        List<ResourceUsage> usages = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ProcessSpec spec = specs.get(i);
            Group group = groups.get(i);
            List<ResourcePoint> series = group.series;
            double cpuSum = 0;
            double cpuMax = 0;
            double rssSum = 0;
            double rssMax = 0;
            for (ResourcePoint point : series) {
                cpuSum += point.cpuPercent();
                cpuMax = Math.max(cpuMax, point.cpuPercent());
                rssSum += point.rssMb();
                rssMax = Math.max(rssMax, point.rssMb());
            }
            int n = series.size();
            usages.add(new ResourceUsage(spec.name(), spec.pids(), n, n == 0 ? 0 : cpuSum / n, cpuMax,
                    (double) group.ticks / ticksPerSecond, n == 0 ? 0 : rssSum / n, rssMax, List.copyOf(series)));
        }
        return usages;
    }

    private Set<Long> withDescendants(List<Long> roots, Map<Long, List<Long>> children) {
        Set<Long> all = new LinkedHashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            if (all.add(pid)) {
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return all;
    }

    private Map<Long, List<Long>> childrenByParent() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, entry -> isNumber(entry.getFileName().toString()))) {
            for (Path entry : entries) {
                String[] fields = statFields(entry.resolve("stat"));
                if (fields != null) {
                    children.computeIfAbsent(Long.parseLong(fields[1]), parent -> new ArrayList<>())
                            .add(Long.parseLong(entry.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return children;
    }

    /** {@code [utime + stime in clock ticks, VmRSS in kB]}, or null when the process is gone. */
    private long[] read(long pid) {
        Path dir = proc.resolve(Long.toString(pid));
        String[] fields = statFields(dir.resolve("stat"));
        if (fields == null) {
            return null;
        }
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long rssKb = 0;
        try {
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.substring(6).replace("kB", "").trim());
                    break;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return new long[] {ticks, rssKb};
    }

    /** The fields after the command name, which may itself hold spaces and parentheses: [0] state, [1] ppid, [11] utime, [12] stime. */
    private static String[] statFields(Path stat) {
        try {
            String text = Files.readString(stat);
            int close = text.lastIndexOf(')');
            if (close < 0) {
                return null;
            }
            String[] fields = text.substring(close + 2).trim().split(" ");
            return fields.length > 12 ? fields : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isNumber(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
