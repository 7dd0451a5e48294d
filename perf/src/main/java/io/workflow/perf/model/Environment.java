package io.workflow.perf.model;

import java.util.List;

/** Where and how the run happened, for reproducing it. */
public record Environment(
        String command,
        List<String> arguments,
        String driverVersion,
        String javaVersion,
        String javaVendor,
        String javaHome,
        String os,
        String kernel,
        String cpuModel,
        int cores,
        long memoryMb,
        long openFilesLimit,
        String hostname) {
}
