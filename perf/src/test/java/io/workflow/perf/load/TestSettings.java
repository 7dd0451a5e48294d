package io.workflow.perf.load;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Load settings for tests: short timeouts and waits, quiet console. */
final class TestSettings {

    private TestSettings() {
    }

    static LoadSettings withTimeout(Duration requestTimeout) {
        return new LoadSettings(Duration.ofSeconds(1), requestTimeout, Duration.ofSeconds(5), Duration.ofMillis(50), 4,
                List.of(new ProcessSpec("self", List.of(ProcessHandle.current().pid()))), Path.of("/proc"),
                Duration.ofMillis(100), 5, new PrintStream(OutputStream.nullOutputStream()));
    }

    static LoadSettings standard() {
        return withTimeout(Duration.ofSeconds(5));
    }
}
