package io.workflow.adapters.kafka;

import io.workflow.application.ExecuteRun;
import io.workflow.application.ExecuteRun.Outcome;
import io.workflow.domain.port.contract.ThreadRequestCorrelation;
import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.port.DeadLetterRecorder;
import io.workflow.domain.port.StoreUnavailableException;
import io.workflow.domain.run.Run;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.workflow.adapters.kafka.TestBroker.await;
import static io.workflow.adapters.kafka.TestBroker.committed;
import static io.workflow.adapters.kafka.TestBroker.committedToTheEnd;
import static org.assertj.core.api.Assertions.assertThat;

class KafkaRunWorkerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RetryBackoff QUICK_RETRY = new RetryBackoff(3, Duration.ofMillis(50), Duration.ofMillis(100));

    private final List<KafkaSettings> created = new ArrayList<>();

    @BeforeAll
    static void broker() {
        TestBroker.requireReachable();
    }

    @AfterEach
    void removeTopics() {
        created.forEach(TestBroker::remove);
    }

    @Test
    void givenAHundredDispatchedRuns_worker_executesEachAndCommitsToTheEnd() throws Exception {
        KafkaSettings settings = settings("hundred", 3);
        Set<UUID> executed = ConcurrentHashMap.newKeySet();
        List<UUID> dispatched = dispatch(settings, 100);

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, recording(executed))) {
            await(WAIT, "every dispatched run executed", () -> executed.containsAll(dispatched));
            await(WAIT, "offsets committed to the end", () -> committedToTheEnd(settings));
            assertThat(worker.isPolling()).isTrue();
        }
        assertThat(TestBroker.endOffsets(settings).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
    }

    @Test
    void givenRunsDispatchedWithAndWithoutARequest_worker_executesEachWithinTheRequestItsRecordNames() throws Exception {
        KafkaSettings settings = settings("request-id", 1);
        ThreadRequestCorrelation correlation = new ThreadRequestCorrelation();
        Run underRequest = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), Instant.now());
        Run withoutRequest = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), Instant.now());
        try (KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(settings, correlation)) {
            correlation.handling("req-kafka-1", () -> dispatcher.dispatch(underRequest));
            dispatcher.dispatch(withoutRequest);
            await(Duration.ofSeconds(60), "the broker holds both events", () -> endOffsetSum(settings) >= 2);
        }
        Map<UUID, String> seen = new ConcurrentHashMap<>();

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, runId -> {
            seen.put(runId, String.valueOf(correlation.current()));
            return Outcome.EXECUTED;
        }, KafkaRunWorker.Options.DEFAULTS.requests(correlation))) {
            await(WAIT, "both runs executed", () -> seen.size() == 2);
        }
        assertThat(seen).containsEntry(underRequest.id(), "req-kafka-1").containsEntry(withoutRequest.id(), "null");
    }

    @Test
    void givenASlowFirstRunAndFastLaterOnes_commit_doesNotPassTheSlowRunUntilItFinishes() throws Exception {
        KafkaSettings settings = settings("out-of-order", 1);
        List<UUID> runs = dispatch(settings, 6);
        UUID slow = runs.getFirst();
        CountDownLatch slowMayFinish = new CountDownLatch(1);
        Set<UUID> finished = ConcurrentHashMap.newKeySet();

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, runId -> {
            if (runId.equals(slow)) {
                awaitUninterruptibly(slowMayFinish);
            }
            finished.add(runId);
            return Outcome.EXECUTED;
        })) {
            await(WAIT, "the five fast runs finished", () -> finished.containsAll(runs.subList(1, 6)));
            Thread.sleep(1000); // several poll-and-commit rounds
            assertThat(finished).doesNotContain(slow);
            assertThat(committed(settings)).containsEntry(0, 0L);

            slowMayFinish.countDown();

            await(WAIT, "offsets committed past the slow run", () -> committedToTheEnd(settings));
            assertThat(committed(settings)).containsEntry(0, 6L);
        }
    }

    @Test
    void givenUnreadableRecords_worker_movesThemToTheDeadLetterTopicAndGoesOn() throws Exception {
        KafkaSettings settings = settings("dead-letter", 1);
        TestBroker.produceRaw(settings.triggerTopic(), "k1", utf8("not json at all"));
        TestBroker.produceRaw(settings.triggerTopic(), null, utf8("{\"workflow_id\":\"" + UUID.randomUUID() + "\"}"));
        UUID good = dispatch(settings, 1).getFirst();
        Set<UUID> executed = ConcurrentHashMap.newKeySet();

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, recording(executed))) {
            await(WAIT, "the readable run executed", () -> executed.contains(good));
            await(WAIT, "offsets committed past the unreadable records", () -> committedToTheEnd(settings));
        }

        // Each unreadable record is kept off the poll thread, so the two may reach the topic in either order.
        List<ConsumerRecord<String, byte[]>> dead = TestBroker.readAll(settings.deadLetterTopic());
        assertThat(dead).hasSize(2);
        ConsumerRecord<String, byte[]> notJson = fromOffset(dead, "0");
        assertThat(notJson.key()).isEqualTo("k1");
        assertThat(new String(notJson.value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        assertThat(header(notJson, DeadLetterPublisher.REASON_HEADER)).startsWith("not JSON");
        assertThat(header(notJson, DeadLetterPublisher.TOPIC_HEADER)).isEqualTo(settings.triggerTopic());
        assertThat(header(fromOffset(dead, "1"), DeadLetterPublisher.REASON_HEADER)).isEqualTo("no run_id");
        assertThat(executed).containsExactly(good);
    }

    @Test
    void givenUnreadableAndUnloadableRecords_worker_keepsEachAsADeadLetter_andCommitsPastThemOnlyOnceKept() throws Exception {
        KafkaSettings settings = settings("dead-letter-store", 1);
        TestBroker.produceRaw(settings.triggerTopic(), "k1", utf8("not json at all"));
        List<UUID> runs = dispatch(settings, 2);
        UUID missing = runs.getFirst();
        UUID good = runs.get(1);
        Set<UUID> executed = ConcurrentHashMap.newKeySet();
        CountDownLatch storeBack = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<DeadLetter> kept = new CopyOnWriteArrayList<>();
        DeadLetterRecorder store = letter -> {
            if (storeBack.getCount() > 0) {
                refused.incrementAndGet();
                throw new StoreUnavailableException("database down", null);
            }
            return kept.add(letter);
        };

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, runId -> {
            executed.add(runId);
            return runId.equals(missing) ? Outcome.NOT_FOUND : Outcome.EXECUTED;
        }, KafkaRunWorker.Options.DEFAULTS.deadLetters(store).retry(QUICK_RETRY, Duration.ofSeconds(2)))) {
            await(WAIT, "both runs tried", () -> executed.containsAll(runs));
            await(WAIT, "the store refused both letters more than once", () -> refused.get() >= 4);
            Thread.sleep(1000); // several poll-and-commit rounds
            assertThat(committed(settings)).as("nothing committed past an unkept letter").containsEntry(0, 0L);

            storeBack.countDown();

            await(WAIT, "offsets committed to the end once both letters are kept", () -> committedToTheEnd(settings));
            assertThat(worker.isPolling()).isTrue();
        }

        assertThat(kept).hasSize(2);
        DeadLetter unreadable = kept.stream().filter(letter -> letter.offset() == 0).findFirst().orElseThrow();
        assertThat(unreadable.source()).isEqualTo(settings.triggerTopic());
        assertThat(unreadable.key()).isEqualTo("k1");
        assertThat(unreadable.payload()).isEqualTo("not json at all");
        assertThat(unreadable.reason()).startsWith("not JSON");
        assertThat(unreadable.runId()).isNull();
        DeadLetter unloadable = kept.stream().filter(letter -> letter.offset() == 1).findFirst().orElseThrow();
        assertThat(unloadable.runId()).isEqualTo(missing);
        assertThat(unloadable.reason()).contains("cannot be loaded");
        assertThat(new KafkaTriggerEventReader().runId(unloadable.payload())).isEqualTo(missing);
        assertThat(TestBroker.readAll(settings.deadLetterTopic())).as("the unreadable record also went to the topic").hasSize(1);
        assertThat(executed).contains(good);
    }

    @Test
    void givenTheStoreUnavailableAtFirst_worker_triesAgainUntilItWorks() throws Exception {
        KafkaSettings settings = settings("retry", 1);
        UUID run = dispatch(settings, 1).getFirst();
        AtomicInteger attempts = new AtomicInteger();

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, runId -> {
            if (attempts.incrementAndGet() < 3) {
                throw new StoreUnavailableException("find run: PostgreSQL is unavailable", null);
            }
            return Outcome.EXECUTED;
        }, KafkaRunWorker.Options.DEFAULTS.retry(QUICK_RETRY, KafkaRunWorker.DEFAULT_SHUTDOWN_GRACE))) {
            await(WAIT, "offsets committed after the third attempt", () -> committedToTheEnd(settings));
        }
        assertThat(attempts).hasValue(3);
    }

    @Test
    void givenAnExecutionThatKeepsThrowing_worker_givesUpAfterTheLastAttemptAndGoesOn() throws Exception {
        KafkaSettings settings = settings("give-up", 1);
        List<UUID> runs = dispatch(settings, 2);
        Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, runId -> {
            attempts.computeIfAbsent(runId, id -> new AtomicInteger()).incrementAndGet();
            if (runId.equals(runs.getFirst())) {
                throw new IllegalStateException("database down");
            }
            return Outcome.EXECUTED;
        }, KafkaRunWorker.Options.DEFAULTS.retry(QUICK_RETRY, KafkaRunWorker.DEFAULT_SHUTDOWN_GRACE))) {
            await(WAIT, "offsets committed past the failing run", () -> committedToTheEnd(settings));
        }
        assertThat(attempts.get(runs.getFirst())).hasValue(QUICK_RETRY.attempts());
        assertThat(attempts.get(runs.get(1))).hasValue(1);
    }

    @Test
    void givenMoreRunsThanSlots_worker_runsAtMostItsConcurrencyAtOnce() throws Exception {
        KafkaSettings settings = settings("slots", 3).withWorkerConcurrency(4);
        List<UUID> runs = dispatch(settings, 24);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Set<UUID> executed = ConcurrentHashMap.newKeySet();

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, runId -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sleepUninterruptibly(Duration.ofMillis(150));
            inFlight.decrementAndGet();
            executed.add(runId);
            return Outcome.EXECUTED;
        })) {
            await(WAIT, "every run executed", () -> executed.containsAll(runs));
            await(WAIT, "offsets committed to the end", () -> committedToTheEnd(settings));
        }
        assertThat(mostAtOnce.get()).isEqualTo(4);
    }

    @Test
    void givenARunInterruptedMidway_itsRecordIsNotCommitted_andTheNextWorkerInTheGroupGetsIt() throws Exception {
        KafkaSettings settings = settings("interrupted", 1);
        UUID run = dispatch(settings, 1).getFirst();
        Set<UUID> attempted = ConcurrentHashMap.newKeySet();

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, runId -> {
            attempted.add(runId);
            return Outcome.INTERRUPTED;
        })) {
            await(WAIT, "the run attempted", () -> attempted.contains(run));
            Thread.sleep(1000); // several poll-and-commit rounds
            assertThat(committed(settings)).as("nothing committed past an interrupted run").containsEntry(0, 0L);
        }
        Set<UUID> executed = ConcurrentHashMap.newKeySet();
        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, recording(executed))) {
            await(WAIT, "the run redelivered and executed", () -> executed.contains(run));
            await(WAIT, "offsets committed to the end", () -> committedToTheEnd(settings));
        }
    }

    /** An execution that records each run id and reports it executed. */
    private static ExecuteRun recording(Set<UUID> into) {
        return runId -> {
            into.add(runId);
            return Outcome.EXECUTED;
        };
    }

    @Test
    void givenAClosedWorker_aSecondWorkerInTheGroup_continuesFromTheCommittedOffsets() throws Exception {
        KafkaSettings settings = settings("handover", 3);
        List<UUID> first = dispatch(settings, 10);
        Set<UUID> seenByFirst = ConcurrentHashMap.newKeySet();
        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, recording(seenByFirst))) {
            await(WAIT, "the first batch executed and committed",
                    () -> seenByFirst.containsAll(first) && committedToTheEnd(settings));
        }
        List<UUID> second = dispatch(settings, 10);
        Set<UUID> seenBySecond = ConcurrentHashMap.newKeySet();

        try (KafkaRunWorker worker = KafkaRunWorker.start(settings, recording(seenBySecond))) {
            await(WAIT, "the second batch executed and committed",
                    () -> seenBySecond.containsAll(second) && committedToTheEnd(settings));
        }
        assertThat(seenBySecond).doesNotContainAnyElementsOf(first);
    }

    private KafkaSettings settings(String name, int partitions) {
        KafkaSettings settings = TestBroker.freshSettings(name, partitions);
        created.add(settings);
        return settings;
    }

    /** Dispatches {@code count} runs and waits until the broker holds every event (a fresh topic can be slow to lead). */
    private static List<UUID> dispatch(KafkaSettings settings, int count) throws Exception {
        List<UUID> ids = new ArrayList<>();
        long before = endOffsetSum(settings);
        try (KafkaRunDispatcher dispatcher = new KafkaRunDispatcher(settings)) {
            for (int i = 0; i < count; i++) {
                Run run = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), Instant.now());
                dispatcher.dispatch(run);
                ids.add(run.id());
            }
            await(Duration.ofSeconds(60), "the broker holds every dispatched event",
                    () -> endOffsetSum(settings) >= before + count);
        }
        return ids;
    }

    private static long endOffsetSum(KafkaSettings settings) {
        try {
            return TestBroker.endOffsets(settings).values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + settings.triggerTopic(), e);
        }
    }

    /** The dead letter of the trigger topic's record at {@code offset}. */
    private static ConsumerRecord<String, byte[]> fromOffset(List<ConsumerRecord<String, byte[]>> dead, String offset) {
        return dead.stream().filter(record -> header(record, DeadLetterPublisher.OFFSET_HEADER).equals(offset)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter of offset " + offset + " among " + dead.size()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUninterruptibly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
