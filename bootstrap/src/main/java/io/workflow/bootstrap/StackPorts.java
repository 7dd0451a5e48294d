package io.workflow.bootstrap;

import io.workflow.adapters.kafka.KafkaCompletionPublisher;
import io.workflow.adapters.kafka.KafkaRunDispatcher;
import io.workflow.adapters.kafka.KafkaRunWorker;
import io.workflow.adapters.postgres.PostgresStore;
import io.workflow.adapters.redis.RedisConnection;

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

    static DrivenPorts open(Settings settings, Closer closer) {
        PostgresStore store = closer.register(PostgresStore.open(settings.postgres()));
        RedisConnection redis = closer.register(RedisConnection.open(settings.redis()));
        KafkaRunDispatcher dispatcher = closer.register(new KafkaRunDispatcher(settings.kafka()));
        KafkaCompletionPublisher completions = closer.register(new KafkaCompletionPublisher(settings.kafka()));
        Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
        readiness.put("postgres", store::ping);
        readiness.put("redis", redis::ping);
        readiness.put("kafka", dispatcher::ping);
        return new DrivenPorts(store.workflows(), store.runs(), redis.workflowCache(), redis.runCache(),
                dispatcher, completions, execute -> closer.register(KafkaRunWorker.start(settings.kafka(), execute)),
                readiness, store.signingSecrets(), store.idempotencyKeys(), store.apiKeys());
    }
}
