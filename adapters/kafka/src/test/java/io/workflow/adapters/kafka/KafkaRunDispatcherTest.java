package io.workflow.adapters.kafka;

import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.port.contract.ThreadRequestCorrelation;
import io.workflow.domain.run.Run;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
    void givenARun_dispatch_publishesItsTriggerEventKeyedByRunId() throws Exception {
        dispatcher.dispatch(run);

        TestBroker.await(Duration.ofSeconds(5), "the relay published", () -> producer.history().size() == 1);
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> sent = producer.history().getFirst();
        assertThat(sent.topic()).isEqualTo("workflow.trigger");
        assertThat(sent.key()).isEqualTo(run.id().toString());
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schema\":1,\"run_id\":\"" + run.id()
                + "\",\"workflow_id\":\"" + run.workflowId() + "\",\"triggered_at\":\"2026-03-04T05:06:07Z\"}");
        assertThat(sent.headers().toArray()).as("dispatched outside any request: no request id").isEmpty();
    }

    @Test
    void givenARunDispatchedWhileARequestIsHandled_itsRecordCarriesTheRequestId_inAHeader_andTheValueStaysTheSame() throws Exception {
        ThreadRequestCorrelation correlation = new ThreadRequestCorrelation();
        try (KafkaRunDispatcher correlated = new KafkaRunDispatcher(producer, SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC), correlation)) {
            correlation.handling("req-7", () -> correlated.dispatch(run));

            TestBroker.await(Duration.ofSeconds(5), "the relay published", () -> producer.history().size() == 1);
        }
        ProducerRecord<String, byte[]> sent = producer.history().getFirst();
        assertThat(new String(sent.headers().lastHeader("request_id").value(), StandardCharsets.UTF_8)).isEqualTo("req-7");
        assertThat(TriggerEvent.requestId(sent.headers())).as("what the worker reads back").isEqualTo("req-7");
        assertThat(TriggerEvent.parse(sent.value())).isEqualTo(new TriggerEvent(run.id(), run.workflowId(), NOW));
    }

    @Test
    void givenTheBrokerRefusesTheRecord_dispatch_returnsAtOnce_andTheRelayPublishesItAgain() throws Exception {
        MockProducer<String, byte[]> refusing = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        try (KafkaRunDispatcher relaying = new KafkaRunDispatcher(refusing, SETTINGS, Clock.systemUTC())) {
            long started = System.nanoTime();
            relaying.dispatch(run);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the caller does not wait for the broker")
                    .isLessThan(Duration.ofMillis(500));

            TestBroker.await(Duration.ofSeconds(5), "the first attempt sent", () -> refusing.history().size() == 1);
            assertThat(refusing.errorNext(new NotEnoughReplicasException("only 0 in sync"))).isTrue();

            TestBroker.await(Duration.ofSeconds(5), "a second attempt after the refusal", () -> refusing.history().size() == 2);
            assertThat(refusing.completeNext()).isTrue();
            assertThat(refusing.history()).extracting(ProducerRecord::key).containsOnly(run.id().toString());
        }
    }

    @Test
    void manyDispatches_areQueued_andPublishedInOrderOfArrival() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            dispatcher.dispatch(Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), NOW));
        }

        TestBroker.await(Duration.ofSeconds(10), "every event published", () -> producer.history().size() == 2_000);
        assertThat(dispatcher.backlog()).isZero();
    }

    @Test
    void givenAClosedDispatcher_dispatch_throwsDispatchException() {
        dispatcher.close();

        assertThatThrownBy(() -> dispatcher.dispatch(run)).isInstanceOf(DispatchException.class);
    }
}
