package io.workflow.bootstrap;

import io.workflow.adapters.kafka.KafkaCompletionPublisher;
import io.workflow.adapters.kafka.KafkaConsumerLag;
import io.workflow.adapters.kafka.KafkaRunDispatcher;
import io.workflow.adapters.kafka.KafkaRunWorker;
import io.workflow.adapters.postgres.PostgresStore;
import io.workflow.adapters.redis.RedisConnection;
import io.workflow.bootstrap.telemetry.RequestIds;
import io.workflow.bootstrap.telemetry.Telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The stack mode: PostgreSQL (through PgBouncer) for the store, Redis for the cache, Kafka between
 * API and workers. The schema and the topics must exist: {@code ROLE=migrate} makes them.
 */
final class StackPorts {

    private StackPorts() {
    }

    static DrivenPorts open(Settings settings, Closer closer, Telemetry telemetry) {
        PostgresStore store = closer.register(PostgresStore.open(settings.postgres()));
        RedisConnection redis = closer.register(RedisConnection.open(settings.redis()));
        KafkaRunDispatcher dispatcher = closer.register(new KafkaRunDispatcher(settings.kafka(), RequestIds.CORRELATION));
        gauges(settings, closer, telemetry, store, dispatcher);
        KafkaCompletionPublisher completions = closer.register(new KafkaCompletionPublisher(settings.kafka()));
        Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
        readiness.put("postgres", store::ping);
        readiness.put("redis", redis::ping);
        readiness.put("kafka", dispatcher::ping);
        return new DrivenPorts(store.workflows(), store.runs(), redis.workflowCache(), redis.runCache(),
                dispatcher, completions, execute -> closer.register(KafkaRunWorker.start(settings.kafka(), execute,
                        store.deadLetters(), RequestIds.CORRELATION)),
                readiness, store.signingSecrets(), store.idempotencyKeys(), store.apiKeys(), store.deadLetters());
    }

    /**
     * The gauges of what the stack's adapters hold: the connection pool, the trigger events not yet
     * handed to Kafka (the outbox relay's backlog), and, where runs are executed, the consumer
     * group's lag on the trigger topic.
     */
    private static void gauges(Settings settings, Closer closer, Telemetry telemetry, PostgresStore store,
                               KafkaRunDispatcher dispatcher) {
        if (telemetry.meters().isEmpty()) {
            return;
        }
        closer.register(telemetry.gauge("workflow_db_pool_active_connections", "Connections lent out by the pool",
                () -> store.poolUsage().active()));
        closer.register(telemetry.gauge("workflow_db_pool_idle_connections", "Connections idle in the pool",
                () -> store.poolUsage().idle()));
        closer.register(telemetry.gauge("workflow_db_pool_pending_threads", "Threads waiting for a connection",
                () -> store.poolUsage().pending()));
        closer.register(telemetry.gauge("workflow_db_pool_max_connections", "The pool's size",
                () -> store.poolUsage().max()));
        closer.register(telemetry.gauge("workflow_dispatch_backlog_events",
                "Trigger events of stored runs not yet handed to Kafka", dispatcher::backlog));
        if (settings.role().executesRuns()) {
            KafkaConsumerLag lag = closer.register(new KafkaConsumerLag(settings.kafka()));
            closer.register(telemetry.gauge("workflow_queue_lag_records",
                    "Trigger records the workers' consumer group has not committed yet (all partitions)", lag::records));
        }
    }
}
