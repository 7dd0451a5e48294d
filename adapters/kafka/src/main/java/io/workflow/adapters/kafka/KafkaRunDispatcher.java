package io.workflow.adapters.kafka;

import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.run.Run;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a trigger event per run on the trigger topic, keyed by run id (so a run's events share
 * a partition), and returns only once the broker acknowledged it. One producer serves all callers;
 * a caller blocks at most {@code maxBlock} plus {@code deliveryTimeout}, on its virtual thread.
 */
public final class KafkaRunDispatcher implements RunDispatcher, AutoCloseable {
    /** Slack past the delivery timeout, by which the producer has failed the send by itself. */
    private static final Duration ACK_SLACK = Duration.ofSeconds(1);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration ackTimeout;
    private final Clock clock;
    private final Map<String, Object> adminProperties;
    private Admin admin;

    /** A dispatcher with its own producer, closed by {@link #close()}. */
    public KafkaRunDispatcher(KafkaSettings settings) {
        this(new KafkaProducer<>(settings.producerProperties()), settings, Clock.systemUTC());
    }

    KafkaRunDispatcher(Producer<String, byte[]> producer, KafkaSettings settings, Clock clock) {
        this.producer = producer;
        this.topic = settings.triggerTopic();
        this.ackTimeout = settings.deliveryTimeout().plus(ACK_SLACK);
        this.clock = clock;
        this.adminProperties = settings.adminProperties();
    }

    @Override
    public void dispatch(Run run) {
        byte[] event = TriggerEvent.of(run, clock.instant()).toJson();
        try {
            producer.send(new ProducerRecord<>(topic, run.id().toString(), event))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed(run, e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw failed(run, "no acknowledgement within " + ackTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(run, "interrupted", e);
        } catch (KafkaException | IllegalStateException e) {
            // send() itself throws for a closed producer or a fatal producer state.
            throw failed(run, e.getMessage(), e);
        }
    }

    private static DispatchException failed(Run run, String why, Throwable cause) {
        return new DispatchException("trigger event of run " + run.id() + " not acknowledged: " + why, cause);
    }

    /**
     * Whether the broker answers within 2 s, for readiness checks. The producer's cached metadata
     * cannot tell, so this asks the broker through an admin client opened on the first call.
     */
    public boolean ping() {
        try {
            return !admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) PING_TIMEOUT.toMillis()))
                    .nodes().get(PING_TIMEOUT.toMillis() + ACK_SLACK.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
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

    /** Sends what is buffered (bounded by the delivery timeout), then releases the producer. */
    @Override
    public void close() {
        producer.close(ackTimeout);
        synchronized (this) {
            if (admin != null) {
                admin.close(PING_TIMEOUT);
            }
        }
    }
}
