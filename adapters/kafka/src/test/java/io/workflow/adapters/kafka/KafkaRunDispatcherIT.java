package io.workflow.adapters.kafka;

import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.run.Run;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaRunDispatcherIT {
    private KafkaSettings settings;

    @BeforeAll
    static void broker() {
        TestBroker.requireReachable();
    }

    @AfterEach
    void removeTopics() {
        if (settings != null) {
            TestBroker.remove(settings);
        }
    }

    @Test
    void givenNoBroker_dispatch_returnsAtOnce_andCloseGivesUpWithinItsTimeout() {
        KafkaSettings nowhere = TestBroker.settings("127.0.0.1:1", "unused")
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
        KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(nowhere);
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            dispatcher.dispatch(run());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

        long closing = System.nanoTime();
        dispatcher.close();
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void givenNoBroker_ping_saysNoWithinSeconds() {
        try (KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(TestBroker.settings("127.0.0.1:1", "unused"))) {
            long started = System.nanoTime();

            assertThat(dispatcher.ping()).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void givenABroker_ping_saysYes() {
        try (KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(TestBroker.settings(TestBroker.BOOTSTRAP_SERVERS, "unused"))) {
            assertThat(dispatcher.ping()).isTrue();
            assertThat(dispatcher.ping()).isTrue();
        }
    }

    @Test
    void givenTopicsThatExist_ensure_leavesThemAsTheyAre() {
        settings = TestBroker.freshSettings("ensure", 3);

        assertThatCode(() -> KafkaTopics.ensure(settings)).doesNotThrowAnyException();
        assertThatCode(() -> KafkaTopics.ensure(settings)).doesNotThrowAnyException();
    }

    @Test
    void givenRuns_dispatch_putsEachRunsEventOnTheTriggerTopicKeyedByItsId() throws Exception {
        settings = TestBroker.freshSettings("keys", 3);
        List<Run> runs = IntStream.range(0, 20).mapToObj(i -> run()).toList();
        try (KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(settings)) {
            runs.forEach(dispatcher::dispatch);
        }

        List<ConsumerRecord<String, byte[]>> records = TestBroker.readAll(settings.triggerTopic());

        assertThat(records).hasSize(20);
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(TriggerEvent.parse(record.value()).runId().toString()).isEqualTo(record.key());
        }
        assertThat(records.stream().map(ConsumerRecord::key)).containsExactlyInAnyOrderElementsOf(
                runs.stream().map(run -> run.id().toString()).toList());
    }

    /** Not a benchmark: prints the acknowledgement latency on this machine, and catches gross regressions. */
    @Test
    void givenABroker_dispatch_isAcknowledgedWithinMilliseconds() throws Exception {
        settings = TestBroker.freshSettings("latency", 3);
        try (KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(settings)) {
            for (int i = 0; i < 200; i++) {
                dispatcher.dispatch(run());
            }
            long[] one = new long[500];
            for (int i = 0; i < one.length; i++) {
                long started = System.nanoTime();
                dispatcher.dispatch(run());
                one[i] = System.nanoTime() - started;
            }
            int callers = 256;
            long[] many = new long[callers * 50];
            long burstStarted = System.nanoTime();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<long[]>> timings = IntStream.range(0, callers).mapToObj(c -> threads.submit(() -> {
                    long[] mine = new long[many.length / callers];
                    for (int i = 0; i < mine.length; i++) {
                        long started = System.nanoTime();
                        dispatcher.dispatch(run());
                        mine[i] = System.nanoTime() - started;
                    }
                    return mine;
                })).toList();
                for (int c = 0; c < callers; c++) {
                    long[] mine = timings.get(c).get();
                    System.arraycopy(mine, 0, many, c * mine.length, mine.length);
                }
            }
            double perSecond = many.length / ((System.nanoTime() - burstStarted) / 1e9);
            System.out.printf("dispatch latency, linger %s: one caller p50 %.2f ms p99 %.2f ms;"
                            + " %d callers p50 %.2f ms p99 %.2f ms, %.0f dispatches/s%n", settings.linger(),
                    percentile(one, 50), percentile(one, 99), callers, percentile(many, 50), percentile(many, 99), perSecond);
            assertThat(percentile(one, 50)).isLessThan(50.0);
        }
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
    }

    private static Run run() {
        return Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), Instant.now());
    }
}
