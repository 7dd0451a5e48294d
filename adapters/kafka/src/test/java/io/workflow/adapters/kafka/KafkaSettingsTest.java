package io.workflow.adapters.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSettingsTest {
    private final KafkaSettings defaults = TestBroker.settings("127.0.0.1:9092", "workers");

    @Test
    void givenDefaults_settings_useTheServiceTopicsAndBoundedWaits() {
        assertThat(defaults.triggerTopic()).isEqualTo("workflow.trigger");
        assertThat(defaults.completedTopic()).isEqualTo("workflow.completed");
        assertThat(defaults.deadLetterTopic()).isEqualTo("workflow.trigger.dlq");
        assertThat(defaults.partitions()).isEqualTo(3);
        assertThat(defaults.maxBlock()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.deliveryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.workerConcurrency()).isEqualTo(256);
    }

    @Test
    void givenDefaults_producer_isIdempotentAcknowledgedByAllAndBounded() {
        Map<String, Object> producer = defaults.producerProperties();

        assertThat(producer).containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all")
                .containsEntry("max.block.ms", "5000")
                .containsEntry("delivery.timeout.ms", "10000");
        long requestTimeout = Long.parseLong((String) producer.get("request.timeout.ms"));
        long linger = Long.parseLong((String) producer.get("linger.ms"));
        assertThat(requestTimeout + linger).isLessThanOrEqualTo(10_000L);
    }

    @Test
    void givenDefaults_consumer_commitsByItselfAndFetchesAtMostASlotfulPerPoll() {
        Map<String, Object> consumer = defaults.withWorkerConcurrency(64).consumerProperties();

        assertThat(consumer).containsEntry("enable.auto.commit", false)
                .containsEntry("group.id", "workers")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("max.poll.records", 64);
    }

    @Test
    void givenNonsense_settings_refuseIt() {
        assertThatThrownBy(() -> TestBroker.settings(" ", "workers")).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> defaults.withWorkerConcurrency(0)).hasMessageContaining("workerConcurrency");
        assertThatThrownBy(() -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(10))).hasMessageContaining("maxBlock");
        assertThatThrownBy(() -> defaults.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)))
                .hasMessageContaining("deliveryTimeout");
    }
}
