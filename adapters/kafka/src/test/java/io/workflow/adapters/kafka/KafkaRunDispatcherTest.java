package io.workflow.adapters.kafka;

import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.run.Run;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaRunDispatcherTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final KafkaSettings SETTINGS = TestBroker.settings("127.0.0.1:9092", "workers");

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final KafkaRunDispatcher dispatcher =
            new KafkaRunDispatcher(producer, SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Run run = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), NOW.minusSeconds(1));

    @Test
    void givenARun_dispatch_publishesItsTriggerEventKeyedByRunId() {
        dispatcher.dispatch(run);

        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> sent = producer.history().getFirst();
        assertThat(sent.topic()).isEqualTo("workflow.trigger");
        assertThat(sent.key()).isEqualTo(run.id().toString());
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schema\":1,\"run_id\":\"" + run.id()
                + "\",\"workflow_id\":\"" + run.workflowId() + "\",\"triggered_at\":\"2026-03-04T05:06:07Z\"}");
    }

    @Test
    void givenTheBrokerRefusesTheRecord_dispatch_throwsDispatchException() {
        MockProducer<String, byte[]> refusing = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        KafkaRunDispatcher failing = new KafkaRunDispatcher(refusing, SETTINGS, Clock.systemUTC());
        Thread.ofVirtual().start(() -> {
            while (!refusing.errorNext(new NotEnoughReplicasException("only 0 in sync"))) {
                Thread.onSpinWait();
            }
        });

        assertThatThrownBy(() -> failing.dispatch(run))
                .isInstanceOf(DispatchException.class)
                .hasMessageContaining(run.id().toString())
                .hasMessageContaining("only 0 in sync")
                .hasCauseInstanceOf(NotEnoughReplicasException.class);
    }

    @Test
    void givenAClosedDispatcher_dispatch_throwsDispatchException() {
        dispatcher.close();

        assertThatThrownBy(() -> dispatcher.dispatch(run)).isInstanceOf(DispatchException.class);
    }
}
