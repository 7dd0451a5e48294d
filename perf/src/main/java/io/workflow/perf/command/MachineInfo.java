package io.workflow.perf.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.workflow.perf.model.Environment;

/** Reads the machine, JDK and command line that a run happened on. */
final class MachineInfo {

    private MachineInfo() {
    }

    static Environment collect(List<String> arguments) {
        Path proc = Path.of("/proc");
        FileLimits limits = FileLimits.read(proc.resolve("self/limits"));
        String version = MachineInfo.class.getPackage().getImplementationVersion();
        return new Environment(
                commandLine(arguments),
                List.copyOf(arguments),
                version == null ? "dev" : version,
                System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("java.vendor", "unknown"),
                System.getProperty("java.home", "unknown"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                firstLine(proc.resolve("sys/kernel/osrelease"), System.getProperty("os.version")),
                cpuModel(proc.resolve("cpuinfo")),
                Runtime.getRuntime().availableProcessors(),
                memoryMb(proc.resolve("meminfo")),
                limits == null ? -1 : limits.soft(),
                firstLine(proc.resolve("sys/kernel/hostname"), "unknown"));
    }

    private static String commandLine(List<String> arguments) {
        return ProcessHandle.current().info().commandLine()
                .orElseGet(() -> "java -jar perf/target/perf.jar " + String.join(" ", arguments));
    }

    private static String firstLine(Path file, String fallback) {
        try {
            return Files.readAllLines(file).getFirst().trim();
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static String cpuModel(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // reported as unknown
        }
        return "unknown";
    }

    private static long memoryMb(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // reported as unknown
        }
        return -1;
    }
}
