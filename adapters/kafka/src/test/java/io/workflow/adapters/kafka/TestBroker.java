package io.workflow.adapters.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real broker the integration tests talk to: {@code KAFKA_BOOTSTRAP_SERVERS}, default
 * {@code 127.0.0.1:9092} ({@code ops/stack up infra} starts one there). Each test gets its own topics
 * and consumer group, so tests never see each other's records.
 */
final class TestBroker {
    private static final Duration LINGER = Duration.ofMillis(5);
    /** As the service runs (application.yaml): a silent member loses its partitions after 10 s. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    static final String BOOTSTRAP_SERVERS = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TestBroker() {
    }

    /**
     * Fails, and says what to do, when no broker answers within 30 s (a broker on a loaded two-core
     * machine can take longer than one request's timeout to answer the first one).
     */
    static void requireReachable() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP_SERVERS, "request.timeout.ms", 10_000,
                "default.api.timeout.ms", 30_000))) {
            admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            fail("no Kafka broker at " + BOOTSTRAP_SERVERS + " (set KAFKA_BOOTSTRAP_SERVERS, or start one with"
                    + " `ops/stack up infra`; -DskipITs skips these tests)", e);
        }
    }

    /** The service's topics at {@code bootstrapServers}, with the producer timeouts and concurrency the service runs with. */
    static KafkaSettings settings(String bootstrapServers, String consumerGroup) {
        return new KafkaSettings(bootstrapServers, consumerGroup, KafkaSettings.TRIGGER_TOPIC, KafkaSettings.COMPLETED_TOPIC,
                KafkaSettings.DEAD_LETTER_TOPIC, 3, Duration.ofSeconds(5), Duration.ofSeconds(10), LINGER, SESSION_TIMEOUT, 256);
    }

    /** Settings with topics and a group of their own, topics created. */
    static KafkaSettings freshSettings(String name, int partitions) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaSettings settings = new KafkaSettings(BOOTSTRAP_SERVERS, "it-" + unique, "it." + unique + ".trigger",
                "it." + unique + ".completed", "it." + unique + ".trigger.dlq", partitions,
                Duration.ofSeconds(5), Duration.ofSeconds(10), LINGER, SESSION_TIMEOUT, 32);
        KafkaTopics.ensure(settings);
        awaitLeaders(settings);
        return settings;
    }

    /**
     * Waits (at most a minute) until every partition of the new trigger topic has a leader that
     * answers: a topic reported created may not be in the metadata of the broker's other listeners
     * yet, and a test reading its offsets at once failed with UnknownTopicOrPartitionException.
     */
    private static void awaitLeaders(KafkaSettings settings) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                endOffsets(settings);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    fail("the partitions of " + settings.triggerTopic() + " got no leader within a minute", e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for the partitions of " + settings.triggerTopic(), e);
            }
        }
    }

    /** Drops a test's topics and group; best effort. */
    static void remove(KafkaSettings settings) {
        try (Admin admin = admin()) {
            admin.deleteConsumerGroups(List.of(settings.consumerGroup())).all().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // A group that never committed does not exist.
        }
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(settings.triggerTopic(), settings.completedTopic(), settings.deadLetterTopic()))
                    .all().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // Leftover topics of a test do no harm.
        }
    }

    /** The group's committed offset per partition of the trigger topic; 0 where it committed none. */
    static Map<Integer, Long> committed(KafkaSettings settings) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(settings.consumerGroup())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<Integer, Long> committed = new HashMap<>();
            for (int partition = 0; partition < settings.partitions(); partition++) {
                OffsetAndMetadata offset = offsets.get(new TopicPartition(settings.triggerTopic(), partition));
                committed.put(partition, offset == null ? 0L : offset.offset());
            }
            return committed;
        }
    }

    /** The end offset per partition of the trigger topic. */
    static Map<Integer, Long> endOffsets(KafkaSettings settings) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, settings.partitions()).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(settings.triggerTopic(), p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        }
    }

    /** Whether the group committed every record of the trigger topic. */
    static boolean committedToTheEnd(KafkaSettings settings) {
        try {
            return committed(settings).equals(endOffsets(settings));
        } catch (Exception e) {
            return false;
        }
    }

    /** Every record of {@code topic} so far, read outside any group. */
    static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_SERVERS,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    fail("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Puts raw bytes on a topic, as a foreign producer might. */
    static void produceRaw(String topic, String key, byte[] value) throws Exception {
        KafkaSettings settings = settings(BOOTSTRAP_SERVERS, "unused");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producerProperties())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until {@code condition} holds; fails saying {@code what} did not happen. */
    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("within " + timeout + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", BOOTSTRAP_SERVERS, "request.timeout.ms", 10_000,
                "default.api.timeout.ms", 10_000));
    }
}
