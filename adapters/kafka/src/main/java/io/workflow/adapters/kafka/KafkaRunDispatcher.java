package io.workflow.adapters.kafka;

import io.workflow.domain.port.RequestCorrelation;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.run.Run;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays stored runs to the trigger topic, keyed by run id, without making the caller wait for the
 * broker. The run is already stored {@code pending} (PostgreSQL is the source of truth, the runs
 * table the outbox): {@link #dispatch} only queues its event, and one relay thread publishes the
 * queue in batches, trying again every {@link #RETRY_DELAY} while the broker is away. A slow or
 * absent broker therefore neither slows nor fails a trigger. What this process cannot publish (it
 * stops, or the queue is full) stays pending in the store, where the stranded-run sweeper finds it.
 * The id of the request that dispatched a run is read when it is queued ({@link RequestCorrelation})
 * and published in the record's header; a run the sweeper dispatches again has none (it is not stored).
 */
public final class KafkaRunDispatcher implements RunDispatcher, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaRunDispatcher.class.getName());
    /** Events waiting for the broker; past this the runs wait for the sweeper instead of filling the heap. */
    static final int MAX_BACKLOG = 100_000;
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final int BATCH = 1_000;
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration closeTimeout;
    private final Clock clock;
    private final RequestCorrelation requests;
    private final Map<String, Object> adminProperties;
    private final LinkedBlockingQueue<TriggerEvent> backlog = new LinkedBlockingQueue<>(MAX_BACKLOG);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Events handed to the producer and neither acknowledged nor queued again yet: close() waits for them. */
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL.toNanos() - 1);
    private final Thread relay;
    /** Puts events that failed back in the queue after {@link #RETRY_DELAY}: one thread, however many fail. */
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("trigger-retry").factory());
    private Admin admin;

    /** A dispatcher with its own producer and relay thread, closed by {@link #close()}. */
    public KafkaRunDispatcher(KafkaSettings settings) {
        this(settings, RequestCorrelation.NONE);
    }

    /** The same, each event carrying the id of the request that dispatched its run. */
    public KafkaRunDispatcher(KafkaSettings settings, RequestCorrelation requests) {
        this(new KafkaProducer<>(settings.producerProperties()), settings, Clock.systemUTC(), requests);
    }

    KafkaRunDispatcher(Producer<String, byte[]> producer, KafkaSettings settings, Clock clock) {
        this(producer, settings, clock, RequestCorrelation.NONE);
    }

    KafkaRunDispatcher(Producer<String, byte[]> producer, KafkaSettings settings, Clock clock, RequestCorrelation requests) {
        this.producer = producer;
        this.topic = settings.triggerTopic();
        // Room for a delivery that times out once and is tried again.
        this.closeTimeout = settings.deliveryTimeout().multipliedBy(2);
        this.clock = clock;
        this.requests = requests;
        this.adminProperties = settings.adminProperties();
        this.relay = Thread.ofVirtual().name("trigger-relay").start(this::relay);
    }

    /**
     * Queues the run's trigger event and returns at once. Throws {@link DispatchException} only when
     * this dispatcher is closed; a full queue leaves the run to the sweeper, and says so in the log.
     */
    @Override
    public void dispatch(Run run) {
        if (closed.get()) {
            throw new DispatchException("trigger event of run " + run.id() + " not queued: the dispatcher is closed", null);
        }
        if (!backlog.offer(TriggerEvent.of(run, clock.instant(), requests.current()))) {
            warn(() -> "trigger queue full (" + MAX_BACKLOG + " events): run " + run.id()
                    + " stays pending until the stranded-run sweeper dispatches it");
        }
    }

    /** Events queued and not yet handed to the producer. */
    public int backlog() {
        return backlog.size();
    }

    private void relay() {
        List<TriggerEvent> batch = new ArrayList<>(BATCH);
        while (!closed.get() || !backlog.isEmpty() || outstanding.get() > 0) {
            try {
                TriggerEvent first = backlog.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                backlog.drainTo(batch, BATCH - 1);
                publish(batch);
            } catch (InterruptedException e) {
                return; // close() gave up waiting: what is queued stays pending in the store
            } finally {
                batch.clear();
            }
        }
    }

    /** Hands the batch to the producer; what the producer cannot take, or later fails, comes back after a pause. */
    private void publish(List<TriggerEvent> batch) throws InterruptedException {
        for (int i = 0; i < batch.size(); i++) {
            TriggerEvent event = batch.get(i);
            outstanding.incrementAndGet();
            try {
                producer.send(event.toRecord(topic), (metadata, error) -> {
                    if (error == null) {
                        outstanding.decrementAndGet();
                    } else {
                        retryLater(event, error);
                    }
                });
            } catch (KafkaException | IllegalStateException e) {
                outstanding.decrementAndGet();
                // send() itself throws when metadata or buffer space did not come within max.block.ms.
                warn(() -> "the broker does not take trigger events (" + e.getMessage() + "); trying again in " + RETRY_DELAY);
                Thread.sleep(RETRY_DELAY);
                batch.subList(i, batch.size()).forEach(backlog::offer);
                return;
            }
        }
    }

    /** Queues a failed event again after a pause (until close() gives up; then its run waits for the sweeper). */
    private void retryLater(TriggerEvent event, Exception error) {
        warn(() -> "trigger event of run " + event.runId() + " not acknowledged (" + error.getMessage()
                + "); queued again");
        try {
            retries.schedule(() -> {
                backlog.offer(event);
                outstanding.decrementAndGet(); // counted again once the relay takes it from the queue
            }, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            outstanding.decrementAndGet(); // closed meanwhile: its run waits for the sweeper
        }
    }

    private void warn(Supplier<String> message) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last > WARN_INTERVAL.toNanos() && lastWarning.compareAndSet(last, now)) {
            LOG.warning(message);
        }
    }

    /**
     * Whether the broker answers within 2 s, for readiness checks. The producer's cached metadata
     * cannot tell, so this asks the broker through an admin client opened on the first call.
     */
    public boolean ping() {
        try {
            return !admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) PING_TIMEOUT.toMillis()))
                    .nodes().get(PING_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminProperties);
        }
        return admin;
    }

    /**
     * Stops taking runs, publishes what is queued and waits for the broker to acknowledge it, trying
     * again what fails (bounded by twice the delivery timeout), then releases the producer. What could
     * not be published stays pending in the store for the sweeper.
     */
    @Override
    public void close() {
        closed.set(true);
        try {
            if (!relay.join(closeTimeout)) {
                relay.interrupt();
                LOG.log(Level.WARNING, () -> backlog.size() + " trigger event(s) not published at shutdown;"
                        + " their runs stay pending for the stranded-run sweeper");
            }
        } catch (InterruptedException e) {
            relay.interrupt();
            Thread.currentThread().interrupt();
        }
        // Whatever the relay could not get acknowledged is given up: nothing waits any longer.
        retries.shutdownNow();
        producer.close(Duration.ofSeconds(1));
        synchronized (this) {
            if (admin != null) {
                admin.close(PING_TIMEOUT);
            }
        }
    }
}
