package io.workflow.adapters.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How far the workers' consumer group is behind on the trigger topic: the sum over its partitions
 * of the latest offset minus the group's committed offset, in records (runs dispatched and not yet
 * handed to a worker's engine). Asked of the broker through an admin client every
 * {@link #INTERVAL}, off the scrape's thread, so reading it costs nothing and a slow broker never
 * slows a scrape; {@link #records()} is -1 until the first answer, and keeps the last one while the
 * broker does not answer. Partitions the group never committed on are left out.
 */
public final class KafkaConsumerLag implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaConsumerLag.class.getName());
    static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;
    private final String group;
    private final String topic;
    private final AtomicLong records = new AtomicLong(-1);
    private final ScheduledExecutorService refresher =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("consumer-lag").factory());

    /** Starts measuring the lag of the settings' consumer group on its trigger topic. */
    public KafkaConsumerLag(KafkaSettings settings) {
        this.admin = Admin.create(settings.adminProperties());
        this.group = settings.consumerGroup();
        this.topic = settings.triggerTopic();
        refresher.scheduleWithFixedDelay(this::refresh, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The lag at the last answer, in records; -1 before the first. */
    public long records() {
        return records.get();
    }

    void refresh() {
        try {
            records.set(measure());
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.log(Level.FINE, "consumer lag of group " + group + " not measured", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long measure() throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                latest.put(partition, OffsetSpec.latest());
            }
        });
        if (latest.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
        }
        return lag;
    }

    @Override
    public void close() throws InterruptedException {
        refresher.shutdownNow();
        refresher.awaitTermination(5, TimeUnit.SECONDS);
        admin.close(TIMEOUT);
    }
}
