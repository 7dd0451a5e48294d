package io.workflow.perf.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** How every phase sends requests, waits for runs, samples processes and reports progress. */
public record LoadSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        Duration completionWait,
        Duration pollInterval,
        int pollConnections,
        List<ProcessSpec> sampledProcesses,
        Path proc,
        Duration tick,
        int progressEveryTicks,
        PrintStream console) {

    public LoadSettings {
        sampledProcesses = List.copyOf(sampledProcesses);
    }
}
