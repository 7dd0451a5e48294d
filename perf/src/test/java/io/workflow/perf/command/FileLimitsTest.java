package io.workflow.perf.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class FileLimitsTest {

    private static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max open files            1024                 20000                files
            Max locked memory         8388608              8388608              bytes
            """;

    @Test
    void readsTheOpenFilesLimit() {
        assertThat(FileLimits.parse(LIMITS)).isEqualTo(new FileLimits(1024, 20000));
        assertThat(FileLimits.parse(LIMITS.replace("1024                 20000", "unlimited            unlimited")))
                .isEqualTo(new FileLimits(FileLimits.UNLIMITED, FileLimits.UNLIMITED));
        assertThat(FileLimits.read(Path.of("/proc/self/limits"))).isNotNull();
    }

    @Test
    void warnsWhenTheConnectionsDoNotFit() {
        FileLimits limits = FileLimits.parse(LIMITS);
        assertThat(limits.warningFor(500)).isNull();
        assertThat(limits.warningFor(10_000)).contains("open-files limit is 1024", "ulimit -n 20000");
        assertThat(new FileLimits(20000, 20000).warningFor(30_000)).contains("even the hard limit");
    }
}
