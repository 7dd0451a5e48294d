package io.workflow.adapters.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.workflow.domain.run.Run;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class KafkaCompletionPublisherTest {
    private static final KafkaSettings SETTINGS = KafkaSettings.defaults("127.0.0.1:9092", "workers");
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    private final Run finished = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of("user_id", 7), NOW)
            .claim(NOW, NOW.plusSeconds(30))
            .succeed(NOW.plusSeconds(1));

    @Test
    void givenAFinishedRun_completed_publishesItsDocumentKeyedByRunId() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

        new KafkaCompletionPublisher(producer, SETTINGS).completed(finished);

        ProducerRecord<String, byte[]> sent = producer.history().getFirst();
        assertThat(sent.topic()).isEqualTo("workflow.completed");
        assertThat(sent.key()).isEqualTo(finished.id().toString());
        JsonNode document = EventJson.read(sent.value());
        assertThat(document.get("uuid").asText()).isEqualTo(finished.id().toString());
        assertThat(document.get("status").asText()).isEqualTo("success");
        assertThat(document.get("payload").get("user_id").asInt()).isEqualTo(7);
        assertThat(document.get("completed_at").asText()).isEqualTo("2026-03-04T05:06:08Z");
    }

    @Test
    void givenTheBrokerFailsTheSend_completed_doesNotThrow() {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        KafkaCompletionPublisher publisher = new KafkaCompletionPublisher(producer, SETTINGS);

        assertThatCode(() -> publisher.completed(finished)).doesNotThrowAnyException();
        assertThat(producer.errorNext(new TimeoutException("no broker"))).isTrue();
    }

    @Test
    void givenAClosedProducer_completed_doesNotThrow() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        KafkaCompletionPublisher publisher = new KafkaCompletionPublisher(producer, SETTINGS);
        publisher.close();

        assertThatCode(() -> publisher.completed(finished)).doesNotThrowAnyException();
    }
}
