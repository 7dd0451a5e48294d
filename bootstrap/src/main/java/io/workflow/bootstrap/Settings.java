package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.workflow.adapters.http.ClientLimits;
import io.workflow.adapters.http.HttpApi;
import io.workflow.adapters.kafka.KafkaSettings;
import io.workflow.adapters.postgres.PostgresSettings;
import io.workflow.adapters.redis.RedisSettings;
import io.workflow.adapters.steps.WebhookSettings;
import io.workflow.bootstrap.telemetry.LogFormat;

import java.time.Duration;

/**
 * Every setting of the service, read once from the configuration. Defaults live in one place,
 * {@code application.yaml}; this reads values and never supplies one, so a key missing there fails
 * at start-up, naming the key.
 */
record Settings(Role role, Mode mode, String cursorSecret, Worker worker, Recovery recovery, int cacheMaxEntries,
                HttpApi.Limits limits, WebhookSettings webhook, PostgresSettings postgres, RedisSettings redis,
                KafkaSettings kafka, Shutdown shutdown, ClientLimits http, Observe observe) {

    /** How one process executes runs. */
    record Worker(int concurrency, Duration lease) {
    }

    /** The stranded-run sweep. */
    record Recovery(Duration interval, Duration pendingGrace, int batchSize) {
    }

    /** SIGTERM: how long an API replica drains before its listener closes, then how long requests in flight may take. */
    record Shutdown(Duration drainDelay, Duration grace) {
    }

    /** Whether meters are recorded ({@code METRICS_ENABLED}), and how log lines are written ({@code LOG_FORMAT}). */
    record Observe(boolean metrics, LogFormat logFormat) {
    }

    static Settings read(Config config) {
        Role role = Role.parse(text(config, "role"));
        Mode mode = Mode.parse(text(config, "mode"));
        Worker worker = new Worker(integer(config, "worker.concurrency"), seconds(config, "worker.lease.seconds"));
        return new Settings(role, mode, text(config, "cursor.secret"), worker,
                new Recovery(seconds(config, "recovery.interval.seconds"), seconds(config, "recovery.pending.grace.seconds"),
                        integer(config, "recovery.batch.size")),
                integer(config, "cache.memory.max.entries"),
                new HttpApi.Limits(integer(config, "limits.payload.bytes"), integer(config, "limits.workflow.bytes"),
                        config.get("limits.page.bytes").asLong().get()),
                new WebhookSettings(millis(config, "webhook.connect.timeout.ms"), millis(config, "webhook.request.timeout.ms"),
                        integer(config, "limits.step.output.bytes")),
                postgres(config.get("postgres")), redis(config.get("redis")), kafka(config.get("kafka"), worker),
                new Shutdown(millis(config, "shutdown.drain.delay.ms"), seconds(config, "shutdown.grace.seconds")),
                http(config.get("http")),
                new Observe(bool(config, "metrics.enabled"), LogFormat.parse(text(config, "log.format"))));
    }

    private static ClientLimits http(Config http) {
        return new ClientLimits(integer(http, "api.permits"), integer(http, "api.queue.length"),
                seconds(http, "api.queue.timeout.seconds"), millis(http, "header.timeout.ms"), millis(http, "body.timeout.ms"),
                integer(http, "max.prologue.length"), integer(http, "max.headers.size"), integer(http, "max.connections"));
    }

    private static PostgresSettings postgres(Config postgres) {
        String host = text(postgres, "host");
        String directHost = postgres.get("direct.host").asString().filter(value -> !value.isBlank()).orElse(host);
        return new PostgresSettings(host, integer(postgres, "port"), text(postgres, "db"), text(postgres, "user"),
                text(postgres, "password"), bool(postgres, "pgbouncer"), integer(postgres, "pool.size"),
                directHost, integer(postgres, "direct.port"), seconds(postgres, "connect.timeout.seconds"),
                seconds(postgres, "pool.wait.seconds"), millis(postgres, "retry.ms"));
    }

    private static RedisSettings redis(Config redis) {
        return new RedisSettings(bool(redis, "enabled"), text(redis, "host"), integer(redis, "port"),
                millis(redis, "connect.timeout.ms"), millis(redis, "socket.timeout.ms"), millis(redis, "pool.wait.ms"),
                integer(redis, "pool.size"), millis(redis, "backoff.ms"));
    }

    private static KafkaSettings kafka(Config kafka, Worker worker) {
        return new KafkaSettings(text(kafka, "bootstrap.servers"), text(kafka, "consumer.group"),
                KafkaSettings.TRIGGER_TOPIC, KafkaSettings.COMPLETED_TOPIC, KafkaSettings.DEAD_LETTER_TOPIC,
                integer(kafka, "trigger.partitions"), millis(kafka, "max.block.ms"), millis(kafka, "delivery.timeout.ms"),
                millis(kafka, "linger.ms"), millis(kafka, "session.timeout.ms"), worker.concurrency());
    }

    private static String text(Config config, String key) {
        return config.get(key).asString().get();
    }

    private static int integer(Config config, String key) {
        return config.get(key).asInt().get();
    }

    private static boolean bool(Config config, String key) {
        return config.get(key).asBoolean().get();
    }

    private static Duration seconds(Config config, String key) {
        return Duration.ofSeconds(config.get(key).asLong().get());
    }

    private static Duration millis(Config config, String key) {
        return Duration.ofMillis(config.get(key).asLong().get());
    }
}
