package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.workflow.adapters.kafka.KafkaCompletionPublisher;
import io.workflow.adapters.kafka.KafkaRunDispatcher;
import io.workflow.adapters.kafka.KafkaRunWorker;
import io.workflow.adapters.kafka.KafkaSettings;
import io.workflow.adapters.postgres.PostgresSettings;
import io.workflow.adapters.postgres.PostgresStore;
import io.workflow.adapters.redis.RedisConnection;
import io.workflow.adapters.redis.RedisSettings;
import io.workflow.domain.port.Cache;
import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunDocument;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowDocument;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** PostgreSQL (through PgBouncer) for the store, Redis for the cache, Kafka between API and workers. */
final class StackAdapters implements Adapters {
    private final Closer closer;
    private final KafkaSettings kafka;
    private final PostgresStore store;
    private final RedisConnection redis;
    private final Cache<Workflow> workflowCache;
    private final Cache<Run> runCache;
    private final KafkaCompletionPublisher completions;
    private KafkaRunDispatcher dispatcher;

    StackAdapters(Config config, Closer closer) {
        this.closer = closer;
        this.store = closer.register(PostgresStore.open(postgresSettings(config.get("postgres"))));
        this.redis = closer.register(RedisConnection.open(redisSettings(config.get("redis"))));
        this.workflowCache = redis.cache("workflow:", WorkflowDocument::toTree, WorkflowDocument::fromTree);
        this.runCache = redis.cache("run:", RunDocument::toTree, RunDocument::fromTree);
        this.kafka = kafkaSettings(config);
        this.completions = closer.register(new KafkaCompletionPublisher(kafka));
    }

    @Override
    public WorkflowRepository workflows() {
        return store.workflows();
    }

    @Override
    public RunRepository runs() {
        return store.runs();
    }

    @Override
    public Cache<Workflow> workflowCache() {
        return workflowCache;
    }

    @Override
    public Cache<Run> runCache() {
        return runCache;
    }

    @Override
    public RunCompletionPublisher completions() {
        return completions;
    }

    @Override
    public RunDispatcher dispatcher(Function<UUID, ?> execute) {
        dispatcher = closer.register(new KafkaRunDispatcher(kafka));
        return dispatcher;
    }

    @Override
    public void consumeRuns(Function<UUID, ?> execute) {
        closer.register(KafkaRunWorker.start(kafka, execute));
    }

    @Override
    public Map<String, BooleanSupplier> readinessChecks() {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("postgres", store::ping);
        checks.put("redis", redis::ping);
        checks.put("kafka", () -> dispatcher != null && dispatcher.ping());
        return checks;
    }

    static PostgresSettings postgresSettings(Config postgres) {
        String host = postgres.get("host").asString().orElse("127.0.0.1");
        return new PostgresSettings(host,
                postgres.get("port").asInt().orElse(6432),
                postgres.get("db").asString().orElse("workflow"),
                postgres.get("user").asString().orElse("workflow"),
                postgres.get("password").asString().orElse("workflow"),
                postgres.get("pgbouncer").asBoolean().orElse(true),
                postgres.get("pool.size").asInt().orElse(PostgresSettings.DEFAULT_POOL_SIZE),
                postgres.get("direct.host").asString().orElse(host),
                postgres.get("direct.port").asInt().orElse(5432),
                PostgresSettings.DEFAULT_CONNECT_TIMEOUT,
                Duration.ofSeconds(postgres.get("pool.wait.seconds").asLong().orElse(PostgresSettings.DEFAULT_POOL_WAIT.toSeconds())));
    }

    private static RedisSettings redisSettings(Config redis) {
        return new RedisSettings(redis.get("enabled").asBoolean().orElse(true),
                redis.get("host").asString().orElse("127.0.0.1"),
                redis.get("port").asInt().orElse(6379),
                Duration.ofMillis(redis.get("connect.timeout.ms").asLong().orElse(500L)),
                Duration.ofMillis(redis.get("socket.timeout.ms").asLong().orElse(2_000L)),
                Duration.ofMillis(redis.get("pool.wait.ms").asLong().orElse(1_000L)),
                redis.get("pool.size").asInt().orElse(RedisSettings.DEFAULT_MAX_TOTAL),
                RedisSettings.DEFAULT_BACKOFF);
    }

    static KafkaSettings kafkaSettings(Config config) {
        Config kafka = config.get("kafka");
        return new KafkaSettings(
                kafka.get("bootstrap.servers").asString().orElse("127.0.0.1:9092"),
                kafka.get("consumer.group").asString().orElse("workflow-workers"),
                KafkaSettings.TRIGGER_TOPIC, KafkaSettings.COMPLETED_TOPIC, KafkaSettings.DEAD_LETTER_TOPIC,
                kafka.get("trigger.partitions").asInt().orElse(KafkaSettings.DEFAULT_PARTITIONS),
                KafkaSettings.DEFAULT_MAX_BLOCK, KafkaSettings.DEFAULT_DELIVERY_TIMEOUT,
                Duration.ofMillis(kafka.get("linger.ms").asLong().orElse(KafkaSettings.DEFAULT_LINGER.toMillis())),
                config.get("worker.concurrency").asInt().orElse(KafkaSettings.DEFAULT_WORKER_CONCURRENCY));
    }
}
