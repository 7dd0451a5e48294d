package io.workflow.adapters.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/** Creates the service's topics when they are missing. */
public final class KafkaTopics {
    private static final Logger LOG = Logger.getLogger(KafkaTopics.class.getName());
    /** A single local broker: one copy of each partition is all there can be. */
    private static final short REPLICATION = 1;

    private KafkaTopics() {
    }

    /**
     * Creates the trigger and completed topics with {@link KafkaSettings#partitions()} partitions and
     * the dead-letter topic with one; topics that exist are left as they are. Throws
     * {@link IllegalStateException} when the broker does not answer within the delivery timeout.
     */
    public static void ensure(KafkaSettings settings) {
        List<NewTopic> topics = List.of(
                new NewTopic(settings.triggerTopic(), settings.partitions(), REPLICATION),
                new NewTopic(settings.completedTopic(), settings.partitions(), REPLICATION),
                new NewTopic(settings.deadLetterTopic(), 1, REPLICATION));
        Duration timeout = settings.deliveryTimeout();
        Admin admin = Admin.create(settings.adminProperties());
        try {
            admin.createTopics(topics).values().forEach((topic, created) -> awaitCreated(topic, created, timeout));
        } finally {
            admin.close(timeout);
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> created, Duration timeout) {
        try {
            created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info(() -> "created topic " + topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not create topic " + topic + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }
}
