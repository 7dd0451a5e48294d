package io.workflow.adapters.kafka;

import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.run.Run;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes a {@link CompletedEvent} per finished run on the completed topic, keyed by run id, without waiting
 * for the broker: the run is already finished in the store, a lost announcement is only logged.
 */
public final class KafkaCompletionPublisher implements RunCompletionPublisher, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaCompletionPublisher.class.getName());

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration closeTimeout;

    /** A publisher with its own producer, closed by {@link #close()}. */
    public KafkaCompletionPublisher(KafkaSettings settings) {
        this(new KafkaProducer<>(settings.producerProperties()), settings);
    }

    KafkaCompletionPublisher(Producer<String, byte[]> producer, KafkaSettings settings) {
        this.producer = producer;
        this.topic = settings.completedTopic();
        this.closeTimeout = settings.deliveryTimeout();
    }

    @Override
    public void completed(Run run) {
        try {
            byte[] document = CompletedEvent.of(run);
            producer.send(new ProducerRecord<>(topic, run.id().toString(), document), (metadata, error) -> {
                if (error != null) {
                    LOG.log(Level.WARNING, "completion of run " + run.id() + " was not published", error);
                }
            });
        } catch (RuntimeException e) {
            // A closed producer, a full buffer past max.block.ms, an unwritable payload: never the run's problem.
            LOG.log(Level.WARNING, "completion of run " + run.id() + " was not published", e);
        }
    }

    /** Sends what is buffered (bounded by the delivery timeout), then releases the producer. */
    @Override
    public void close() {
        producer.close(closeTimeout);
    }
}
