package io.workflow.perf.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.workflow.perf.model.ResourceUsage;

class ProcessSamplerTest {

    @TempDir
    Path proc;

    private void process(long pid, long ppid, String name, long utime, long stime, long rssKb) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + name + ") S " + ppid + " " + pid + " " + pid
                + " 0 -1 4194560 100 0 0 0 " + utime + " " + stime + " 0 0 20 0 1 0 12345 1000000 250\n");
        Files.writeString(dir.resolve("status"), "Name:\t" + name + "\nVmRSS:\t" + rssKb + " kB\nThreads:\t1\n");
    }

    @Test
    void sumsAProcessWithItsDescendants_cpuAsShareOfOneCore() throws IOException {
        process(100, 1, "nginx: master", 10, 10, 2048);
        process(101, 100, "nginx: worker (1)", 100, 50, 4096);
        process(200, 1, "unrelated", 999, 999, 999_999);
        ProcessSampler sampler = new ProcessSampler(List.of(new ProcessSpec("nginx", List.of(100L))), proc, 100);
        sampler.sample(0, 0);
        process(101, 100, "nginx: worker (1)", 175, 75, 6144);
        sampler.sample(1.0, 1_000_000_000L);
        process(101, 100, "nginx: worker (1)", 200, 75, 4096);
        sampler.sample(2.0, 2_000_000_000L);

        ResourceUsage nginx = sampler.summaries().getFirst();
        assertThat(nginx.samples()).isEqualTo(2);
        assertThat(nginx.series().get(0).cpuPercent()).isCloseTo(100.0, within(1e-9));
        assertThat(nginx.series().get(1).cpuPercent()).isCloseTo(25.0, within(1e-9));
        assertThat(nginx.cpuPercentMax()).isCloseTo(100.0, within(1e-9));
        assertThat(nginx.cpuPercentMean()).isCloseTo(62.5, within(1e-9));
        assertThat(nginx.rssMbMax()).isCloseTo(8.0, within(1e-9));
        assertThat(nginx.rssMbMean()).isCloseTo(7.0, within(1e-9));
        // 100 + 25 ticks at 100 per second
        assertThat(nginx.cpuSeconds()).isCloseTo(1.25, within(1e-9));
    }

    @Test
    void cpuSeconds_countOnlyWhileTheGroupIsAlive_andNeverGoDown() throws IOException {
        process(100, 1, "api", 100, 0, 1024);
        process(101, 100, "api-child", 50, 0, 1024);
        ProcessSampler sampler = new ProcessSampler(List.of(new ProcessSpec("api", List.of(100L)), new ProcessSpec("api", List.of(300L))),
                proc, 100);
        sampler.sample(0, 0);
        process(100, 1, "api", 130, 0, 1024);
        process(101, 100, "api-child", 60, 0, 1024);
        sampler.sample(1.0, 1_000_000_000L);
        Files.delete(proc.resolve("101/stat")); // the child exits: its 60 ticks leave the sum
        Files.delete(proc.resolve("101/status"));
        Files.delete(proc.resolve("101"));
        process(100, 1, "api", 140, 0, 1024);
        sampler.sample(2.0, 2_000_000_000L);
        process(300, 1, "late", 500, 0, 1024); // alive from here on: its earlier ticks are not the phase's
        sampler.sample(3.0, 3_000_000_000L);
        process(300, 1, "late", 520, 0, 1024);
        sampler.sample(4.0, 4_000_000_000L);

        List<ResourceUsage> groups = sampler.summaries();
        assertThat(groups).extracting(ResourceUsage::name).containsExactly("api", "api");
        assertThat(groups.get(0).cpuSeconds()).as("40 ticks, then nothing rather than -50").isCloseTo(0.4, within(1e-9));
        assertThat(groups.get(0).series().get(1).cpuPercent()).isZero();
        assertThat(groups.get(1).cpuSeconds()).as("a group of the same name keeps its own count").isCloseTo(0.2, within(1e-9));
    }

    @Test
    void givenAProcessThatIsGone_recordsNothingForIt() {
        ProcessSampler sampler = new ProcessSampler(List.of(new ProcessSpec("gone", List.of(99999L))), proc, 100);
        sampler.sample(0, 0);
        sampler.sample(1, 1_000_000_000L);
        assertThat(sampler.summaries().getFirst().samples()).isZero();
    }

    @Test
    void samplesThisJvmFromTheRealProc() {
        ProcessSampler sampler = new ProcessSampler(List.of(new ProcessSpec("self", List.of(ProcessHandle.current().pid()))),
                Path.of("/proc"), ProcessSampler.clockTicksPerSecond());
        sampler.sample(0, System.nanoTime());
        long until = System.nanoTime() + 100_000_000L;
        long spin = 0;
        while (System.nanoTime() < until) {
            spin++;
        }
        sampler.sample(0.1, System.nanoTime());
        ResourceUsage self = sampler.summaries().getFirst();
        assertThat(spin).isPositive();
        assertThat(self.samples()).isEqualTo(1);
        assertThat(self.rssMbMax()).isGreaterThan(10);
        assertThat(self.cpuPercentMax()).isGreaterThan(0);
    }

    @Test
    void parsesProcessSpecs() {
        assertThat(ProcessSpec.parse("api=12,13")).isEqualTo(new ProcessSpec("api", List.of(12L, 13L)));
        assertThat(ProcessSpec.parse("api=12,13").toString()).isEqualTo("api=12,13");
    }
}
