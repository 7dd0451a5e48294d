package io.workflow.adapters.kafka;

import io.workflow.application.ExecuteRun;
import io.workflow.domain.port.RequestCorrelation;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.port.DeadLetterRecorder;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A member of the workers' consumer group: reads trigger events and executes each run on its own
 * virtual thread, at most {@link KafkaSettings#workerConcurrency()} at a time.
 *
 * <p>One platform thread owns the consumer (it is not thread-safe) and does all the bookkeeping;
 * run threads only hand finished offsets back through a queue. When every slot is taken, the
 * assigned partitions are paused and polling goes on, so a long run never costs the group membership.
 *
 * <p>Offsets are committed at least once: per partition only up to the first record whose run has
 * not finished ({@link PartitionProgress}), so runs may finish in any order and a crash redelivers
 * what was not done. When partitions are revoked, what finished is committed and the runs of those
 * partitions still in flight keep running; the new owner receives their records again, which is
 * harmless: execution claims a run with compare-and-set, so a second delivery finds the run held or
 * finished and returns at once.
 *
 * <p>A record that is not a trigger event, or whose run cannot be loaded, becomes a dead letter: it is
 * recorded through the {@link DeadLetterRecorder} (the database, where the API shows it), tried again
 * until it is stored, and only then counts as finished, so its offset is never committed past a
 * letter that was not kept. Unreadable records also go on to the dead-letter topic, unchanged, for
 * tools that read Kafka.
 */
public final class KafkaRunWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaRunWorker.class.getName());
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** Offsets are committed at most this often: a commit per finished run would cost the broker more than the runs. */
    private static final long COMMIT_INTERVAL_NANOS = Duration.ofMillis(250).toNanos();
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** How long interrupted runs get to hand themselves back (one write each). */
    private static final Duration HAND_BACK_TIMEOUT = Duration.ofSeconds(5);
    /** For tests that do not look at dead letters: each counts as kept, and only the log and the topic see it. */
    private static final DeadLetterRecorder NOT_KEPT = letter -> true;

    /** A received trigger waiting for a free slot. */
    private record Waiting(TopicPartition partition, PartitionProgress progress, long offset, UUID runId,
                           ConsumerRecord<String, byte[]> record) {
    }

    /** A record done with; {@code progress} may belong to an assignment that has ended, then it changes nothing. */
    private record Finished(PartitionProgress progress, long offset) {
    }

    private final KafkaSettings settings;
    private final ExecuteRun execute;
    private final RequestCorrelation requests;
    private final RetryBackoff retry;
    private final Duration shutdownGrace;
    private final KafkaConsumer<String, byte[]> consumer;
    private final DeadLetterPublisher deadLetters;
    private final DeadLetterRecorder recorder;
    private final Clock clock = Clock.systemUTC();
    private final Semaphore slots;
    private final ExecutorService runs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kafka-run-", 0).factory());
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final Thread pollThread;
    private volatile boolean running = true;
    private volatile boolean polling = true;
    private long lastCommitNanos = System.nanoTime();

    // Poll thread only.
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final Deque<Waiting> waiting = new ArrayDeque<>();

    private KafkaRunWorker(KafkaSettings settings, ExecuteRun execute, DeadLetterRecorder recorder,
                           RequestCorrelation requests, RetryBackoff retry, Duration shutdownGrace) {
        this.settings = settings;
        this.execute = execute;
        this.recorder = recorder;
        this.requests = requests;
        this.retry = retry;
        this.shutdownGrace = shutdownGrace;
        this.slots = new Semaphore(settings.workerConcurrency());
        this.deadLetters = new DeadLetterPublisher(settings);
        try {
            this.consumer = new KafkaConsumer<>(settings.consumerProperties());
        } catch (RuntimeException e) {
            deadLetters.close();
            throw e;
        }
        this.pollThread = Thread.ofPlatform().name("kafka-run-worker").unstarted(this::pollUntilClosed);
    }

    /**
     * Joins the group and starts executing runs: {@code execute} performs one run by id (the worker's
     * use case), {@code deadLetters} keeps the records that cannot be processed, and each run is
     * executed as part of the request whose id its record's header carries ({@code requests}).
     */
    public static KafkaRunWorker start(KafkaSettings settings, ExecuteRun execute, DeadLetterRecorder deadLetters,
                                       RequestCorrelation requests) {
        return start(settings, execute, Options.DEFAULTS.deadLetters(deadLetters).requests(requests));
    }

    /** For tests that vary nothing: dead letters are only logged (and sent to the dead-letter topic). */
    static KafkaRunWorker start(KafkaSettings settings, ExecuteRun execute) {
        return start(settings, execute, Options.DEFAULTS);
    }

    static KafkaRunWorker start(KafkaSettings settings, ExecuteRun execute, Options options) {
        KafkaRunWorker worker = new KafkaRunWorker(settings, execute, options.deadLetters(), options.requests(),
                options.retry(), options.shutdownGrace());
        worker.pollThread.start();
        return worker;
    }

    /** What a worker is started with besides its settings and use case; tests vary them one at a time. */
    record Options(DeadLetterRecorder deadLetters, RequestCorrelation requests, RetryBackoff retry, Duration shutdownGrace) {
        static final Options DEFAULTS = new Options(NOT_KEPT, RequestCorrelation.NONE, RetryBackoff.DEFAULT, DEFAULT_SHUTDOWN_GRACE);

        Options deadLetters(DeadLetterRecorder recorder) {
            return new Options(recorder, requests, retry, shutdownGrace);
        }

        Options requests(RequestCorrelation correlation) {
            return new Options(deadLetters, correlation, retry, shutdownGrace);
        }

        /** How often and how long a failed run's record is tried again, and how long a closing worker waits for runs. */
        Options retry(RetryBackoff backoff, Duration grace) {
            return new Options(deadLetters, requests, backoff, grace);
        }
    }

    /** Whether the worker still polls (false after {@link #close()} or a fatal consumer error). */
    public boolean isPolling() {
        return polling;
    }

    /**
     * Stops polling, waits up to the shutdown grace for runs in flight, commits what finished and
     * leaves the group. Runs still going after the grace are interrupted: execution hands each back
     * (its lease ended, its completed steps kept) and their records stay uncommitted, so the worker
     * that takes the partition over receives them again and resumes them at once. A run that cannot be
     * handed back (the store is down) is resumed when its lease runs out, through the stranded-run sweeper.
     */
    @Override
    public void close() {
        if (running) {
            running = false;
            consumer.wakeup();
        }
        try {
            // Grace, then dead letters flushed and closed, a commit, the consumer closed; plus slack.
            pollThread.join(shutdownGrace.plus(HAND_BACK_TIMEOUT).plus(settings.deliveryTimeout().multipliedBy(2))
                    .plus(COMMIT_TIMEOUT).plus(CLOSE_TIMEOUT).plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollUntilClosed() {
        try {
            consumer.subscribe(List.of(settings.triggerTopic()), new Rebalance());
            while (running) {
                settleFinished();
                startWaiting();
                pauseWhileFull();
                commitAsync();
                try {
                    consumer.poll(POLL_TIMEOUT).forEach(this::accept);
                } catch (WakeupException e) {
                    // close() asked to stop; the loop condition says so.
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the run worker stopped polling", e);
        } finally {
            polling = false;
            shutDown();
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionProgress partitionProgress = progress.computeIfAbsent(partition, p -> new PartitionProgress());
        long offset = record.offset();
        if (!partitionProgress.received(offset)) {
            return;
        }
        try {
            waiting.add(new Waiting(partition, partitionProgress, offset, TriggerEvent.parse(record.value()).runId(), record));
        } catch (TriggerEvent.Unreadable e) {
            LOG.warning(() -> "record " + partition + "@" + offset + " is not a trigger event (" + e.getMessage()
                    + "); recording it as a dead letter and moving it to " + settings.deadLetterTopic());
            // Off the poll thread: recording waits for the database, as long as it is down.
            runs.execute(() -> {
                if (recordDeadLetter(record, e.getMessage(), null)) {
                    deadLetters.send(record, e.getMessage(), () -> finished.add(new Finished(partitionProgress, offset)));
                }
            });
        }
    }

    /**
     * Records {@code record} as a dead letter, trying again with the back-off (capped at its longest
     * wait) until it is stored; false when interrupted first (at shutdown): then the record stays
     * unfinished and is redelivered.
     */
    private boolean recordDeadLetter(ConsumerRecord<String, byte[]> record, String reason, UUID runId) {
        DeadLetter letter = DeadLetter.of(TimeOrderedIds.next(clock.instant()), record.topic(), record.partition(),
                record.offset(), record.key(), record.value(), reason, runId, clock.instant());
        for (int attempt = 1; ; attempt++) {
            try {
                recorder.record(letter);
                return true;
            } catch (RuntimeException e) {
                Duration delay = retry.delayAfter(attempt);
                LOG.warning("could not record the dead letter of " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " (" + e + "); its offset stays uncommitted, trying again in " + delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private void startWaiting() {
        while (!waiting.isEmpty() && slots.tryAcquire()) {
            Waiting next = waiting.poll();
            runs.execute(() -> requests.within(TriggerEvent.requestId(next.record().headers()), () -> executeInSlot(next)));
        }
    }

    /** Full: stop fetching but keep polling, which keeps this member in the group however long the runs take. */
    private void pauseWhileFull() {
        if (!waiting.isEmpty()) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /*
     * A run whose execution throws (the store unavailable past its own short retry, a
     * StoreUnavailableException, say) is tried again a few times with a back-off, holding its slot so the worker takes on less while a dependency is failing. After the
     * last attempt its record counts as finished anyway: holding the offset back would stall the whole
     * partition behind one run, and the run is not lost: it is still pending or running in the store,
     * where the stranded-run sweeper finds it and dispatches it again. Only an interrupted run (at
     * shutdown, handed back) does not count as finished, so its record is redelivered.
     */
    private void executeInSlot(Waiting record) {
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    ExecuteRun.Outcome outcome = execute.execute(record.runId());
                    LOG.fine(() -> "run " + record.runId() + ": " + outcome);
                    if (outcome == ExecuteRun.Outcome.INTERRUPTED) {
                        return; // not finished: the record is redelivered to whoever takes the partition
                    }
                    if (outcome == ExecuteRun.Outcome.NOT_FOUND
                            && !recordDeadLetter(record.record(), "run " + record.runId() + " cannot be loaded: not found", record.runId())) {
                        return; // interrupted before the letter was kept: redelivered
                    }
                    break;
                } catch (RuntimeException e) {
                    if (attempt >= retry.attempts()) {
                        LOG.log(Level.WARNING, "run " + record.runId() + " failed to execute " + attempt
                                + " times; leaving it to the stranded-run sweeper", e);
                        break;
                    }
                    Duration delay = retry.delayAfter(attempt);
                    LOG.warning("run " + record.runId() + " failed to execute (" + e + "); trying again in " + delay);
                    Thread.sleep(delay);
                }
            }
            finished.add(new Finished(record.progress(), record.offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slots.release();
        }
    }

    private void settleFinished() {
        for (Finished done = finished.poll(); done != null; done = finished.poll()) {
            done.progress().finished(done.offset());
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> uncommitted(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionProgress partitionProgress = progress.get(partition);
            if (partitionProgress != null) {
                partitionProgress.uncommittedPosition().ifPresent(position -> offsets.put(partition, new OffsetAndMetadata(position)));
            }
        }
        return offsets;
    }

    private void commitAsync() {
        long now = System.nanoTime();
        if (now - lastCommitNanos < COMMIT_INTERVAL_NANOS) {
            return;
        }
        lastCommitNanos = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = uncommitted(progress.keySet());
        if (offsets.isEmpty()) {
            return;
        }
        offsets.forEach((partition, offset) -> progress.get(partition).committed(offset.offset()));
        // The callback runs on this thread, inside a later poll or commit.
        consumer.commitAsync(offsets, (sent, error) -> {
            if (error != null) {
                LOG.log(Level.FINE, "offset commit failed; it is sent again with the next one", error);
                sent.forEach((partition, offset) -> {
                    PartitionProgress partitionProgress = progress.get(partition);
                    if (partitionProgress != null) {
                        partitionProgress.commitFailed(offset.offset());
                    }
                });
            }
        });
    }

    private void commitSync(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = uncommitted(partitions);
        if (offsets.isEmpty()) {
            return;
        }
        // A wakeup from close() may still be pending; it fails one call, and this commit matters, so once more.
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                consumer.commitSync(offsets, COMMIT_TIMEOUT);
                offsets.forEach((partition, offset) -> progress.get(partition).committed(offset.offset()));
                return;
            } catch (WakeupException e) {
                LOG.fine("offset commit woken up; trying again");
            } catch (KafkaException e) {
                LOG.log(Level.WARNING, "could not commit offsets " + offsets + "; their records will be redelivered", e);
                return;
            }
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = Set.copyOf(partitions);
        progress.keySet().removeAll(gone);
        // Not started: whoever owns the partition now reads them again from the committed offset.
        waiting.removeIf(record -> gone.contains(record.partition()));
    }

    private void shutDown() {
        waiting.clear();
        runs.shutdown();
        try {
            if (!runs.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info(() -> "runs still in flight after " + shutdownGrace + ": interrupting them, so they are handed back"
                        + " and their records redelivered to another worker");
                runs.shutdownNow();
                if (!runs.awaitTermination(HAND_BACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warning(() -> "runs still not handed back after " + HAND_BACK_TIMEOUT + "; they are resumed when their lease runs out");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            deadLetters.flush();
            settleFinished();
            commitSync(List.copyOf(progress.keySet()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not commit the final offsets", e);
        } finally {
            deadLetters.close();
            closeConsumer();
        }
    }

    private void closeConsumer() {
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the consumer did not close cleanly", e);
        }
    }

    /** Runs on the poll thread, inside {@code poll()}. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            settleFinished();
            commitSync(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member may own them already: committing now could move its offsets backwards.
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Progress starts with the first record received from each partition.
        }
    }
}
