package io.workflow.adapters.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves records that are not trigger events to the dead-letter topic, unchanged, with headers saying
 * why and where they came from.
 */
final class DeadLetterPublisher implements AutoCloseable {
    static final String REASON_HEADER = "dlq.reason";
    static final String TOPIC_HEADER = "dlq.original.topic";
    static final String PARTITION_HEADER = "dlq.original.partition";
    static final String OFFSET_HEADER = "dlq.original.offset";

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class.getName());

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration closeTimeout;

    DeadLetterPublisher(KafkaSettings settings) {
        this(new KafkaProducer<>(settings.producerProperties()), settings);
    }

    DeadLetterPublisher(Producer<String, byte[]> producer, KafkaSettings settings) {
        this.producer = producer;
        this.topic = settings.deadLetterTopic();
        this.closeTimeout = settings.deliveryTimeout();
    }

    /**
     * Sends {@code record} on and runs {@code done} once the broker answered, either way. A record
     * that could not be moved is logged and dropped from the topic: the worker has kept it as a dead
     * letter in the store already, and the run it may have meant is still pending there, where the
     * stranded-run sweeper finds it.
     */
    void send(ConsumerRecord<String, byte[]> record, String reason, Runnable done) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, utf8(reason));
        headers.add(TOPIC_HEADER, utf8(record.topic()));
        headers.add(PARTITION_HEADER, utf8(Integer.toString(record.partition())));
        headers.add(OFFSET_HEADER, utf8(Long.toString(record.offset())));
        try {
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers), (metadata, error) -> {
                if (error != null) {
                    dropped(record, reason, error);
                }
                done.run();
            });
        } catch (RuntimeException e) {
            dropped(record, reason, e);
            done.run();
        }
    }

    /** Waits until every record handed over was answered (bounded by the delivery timeout). */
    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(closeTimeout);
    }

    private static void dropped(ConsumerRecord<String, byte[]> record, String reason, Exception error) {
        LOG.log(Level.SEVERE, "dropped unreadable record " + record.topic() + "-" + record.partition() + "@"
                + record.offset() + " (" + reason + "): the dead-letter topic did not take it", error);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
