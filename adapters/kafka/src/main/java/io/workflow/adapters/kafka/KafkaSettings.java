package io.workflow.adapters.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the broker is and how this service uses it. The values come from the service's configuration
 * (its defaults are in bootstrap's {@code application.yaml}); only the topic names are fixed here.
 *
 * @param bootstrapServers  {@code host:port[,host:port...]}
 * @param consumerGroup     the workers' consumer group
 * @param triggerTopic      trigger events, keyed by run id
 * @param completedTopic    completed-run events ({@link CompletedEvent}), keyed by run id
 * @param deadLetterTopic   trigger records that could not be read
 * @param partitions        partitions of the trigger and completed topics when they are created here
 * @param maxBlock          how long a send may wait for metadata or buffer space ({@code max.block.ms})
 * @param deliveryTimeout   how long the producer tries to get a record acknowledged ({@code delivery.timeout.ms})
 * @param linger            how long the producer waits to fill a batch ({@code linger.ms})
 * @param sessionTimeout    how long a worker may go silent before the group gives its partitions to
 *                          the others ({@code session.timeout.ms}; heartbeats every third of it)
 * @param workerConcurrency runs in flight at once in one worker process
 */
public record KafkaSettings(String bootstrapServers, String consumerGroup, String triggerTopic, String completedTopic,
                            String deadLetterTopic, int partitions, Duration maxBlock, Duration deliveryTimeout,
                            Duration linger, Duration sessionTimeout, int workerConcurrency) {
    public static final String TRIGGER_TOPIC = "workflow.trigger";
    public static final String COMPLETED_TOPIC = "workflow.completed";
    public static final String DEAD_LETTER_TOPIC = "workflow.trigger.dlq";
    /** Kafka's own poll batch; smaller when the worker may hold fewer runs, so a batch fits its free slots. */
    private static final int MAX_POLL_RECORDS = 500;

    public KafkaSettings {
        requireText(bootstrapServers, "bootstrapServers");
        requireText(consumerGroup, "consumerGroup");
        requireText(triggerTopic, "triggerTopic");
        requireText(completedTopic, "completedTopic");
        requireText(deadLetterTopic, "deadLetterTopic");
        requirePositive(partitions, "partitions");
        requirePositive(workerConcurrency, "workerConcurrency");
        Objects.requireNonNull(maxBlock, "maxBlock");
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (maxBlock.isNegative() || maxBlock.isZero()) {
            throw new IllegalArgumentException("maxBlock must be positive");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
        // The producer needs room for one request after the linger inside the delivery timeout.
        if (deliveryTimeout == null || deliveryTimeout.compareTo(linger.plusSeconds(1)) < 0) {
            throw new IllegalArgumentException("deliveryTimeout must be at least linger + 1 s");
        }
    }

    /** These settings with other producer timeouts. */
    public KafkaSettings withTimeouts(Duration maxBlock, Duration deliveryTimeout) {
        return new KafkaSettings(bootstrapServers, consumerGroup, triggerTopic, completedTopic, deadLetterTopic,
                partitions, maxBlock, deliveryTimeout, linger, sessionTimeout, workerConcurrency);
    }

    /** These settings with another number of runs in flight per worker. */
    public KafkaSettings withWorkerConcurrency(int workerConcurrency) {
        return new KafkaSettings(bootstrapServers, consumerGroup, triggerTopic, completedTopic, deadLetterTopic,
                partitions, maxBlock, deliveryTimeout, linger, sessionTimeout, workerConcurrency);
    }

    /** Idempotent, fully acknowledged, and bounded in every wait. */
    Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(maxBlock));
        properties.put(ProducerConfig.LINGER_MS_CONFIG, millis(linger));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(deliveryTimeout));
        // Kafka refuses a delivery timeout shorter than linger + request timeout (30 s by default).
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(min(Duration.ofSeconds(30), deliveryTimeout.minus(linger))));
        return properties;
    }

    /** A group member that commits by itself, reads a new group's partitions from the start. */
    Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
        // KIP-848: the broker assigns incrementally, so a joining worker does not stop the others.
        // The classic protocol: KIP-848's consumer spent more CPU in its background thread than the runs did here.
        properties.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, GroupProtocol.CLASSIC.name);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, millis(sessionTimeout));
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, millis(sessionTimeout.dividedBy(3)));
        // Triggers published before the group's first member joined must still run.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(MAX_POLL_RECORDS, workerConcurrency));
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    /** An admin client whose calls give up within the delivery timeout. */
    Map<String, Object> adminProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(deliveryTimeout));
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(deliveryTimeout));
        return properties;
    }

    /** Kafka parses each setting to its own numeric type; text suits them all. */
    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
