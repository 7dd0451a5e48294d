package io.workflow.adapters.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.StepResult;
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
    private static final KafkaSettings SETTINGS = TestBroker.settings("127.0.0.1:9092", "workers");
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    private final Run finished = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of("user_id", 7), NOW)
            .claim(NOW, NOW.plusSeconds(30))
            .withStepResult(StepResult.succeeded("wait", NOW, NOW.plusSeconds(1), Map.of("delayed_seconds", 1)))
            .succeed(NOW.plusSeconds(1));

    @Test
    void givenAFinishedRun_completed_publishesItsSchemaOneEventKeyedByRunId() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

        new KafkaCompletionPublisher(producer, SETTINGS).completed(finished);

        ProducerRecord<String, byte[]> sent = producer.history().getFirst();
        assertThat(sent.topic()).isEqualTo("workflow.completed");
        assertThat(sent.key()).isEqualTo(finished.id().toString());
        JsonNode event = EventJson.read(sent.value());
        assertThat(event.get("schema").asInt()).isEqualTo(1);
        assertThat(event.get("run_id").asText()).isEqualTo(finished.id().toString());
        assertThat(event.get("workflow_id").asText()).isEqualTo(finished.workflowId().toString());
        assertThat(event.get("status").asText()).isEqualTo("success");
        assertThat(event.get("completed_at").asText()).isEqualTo("2026-03-04T05:06:08Z");
        assertThat(event.get("error").isNull()).isTrue();
        assertThat(event.get("steps").size()).isEqualTo(1);
        assertThat(event.get("steps").get("wait").asText()).isEqualTo("success");
        assertThat(event.has("payload")).as("payloads stay in the store; the event says what happened").isFalse();
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
