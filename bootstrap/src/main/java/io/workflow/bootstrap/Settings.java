package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.workflow.adapters.http.ClientLimits;
import io.workflow.adapters.http.HttpApi;
import io.workflow.adapters.http.KeyRateLimit;
import io.workflow.adapters.kafka.KafkaSettings;
import io.workflow.adapters.postgres.PostgresSettings;
import io.workflow.adapters.redis.RedisSettings;
import io.workflow.adapters.steps.WebhookAddressPolicy;
import io.workflow.adapters.steps.WebhookSettings;
import io.workflow.bootstrap.telemetry.LogFormat;

import java.time.Duration;
import java.util.Locale;

/**
 * Every setting of the service, read once from the configuration. Defaults live in one place,
 * {@code application.yaml}; this reads values and never supplies one, so a key missing there fails
 * at start-up, naming the key.
 */
record Settings(Role role, Mode mode, String cursorSecret, Worker worker, Recovery recovery, int cacheMaxEntries,
                HttpApi.Limits limits, WebhookSettings webhook, PostgresSettings postgres, RedisSettings redis,
                KafkaSettings kafka, Shutdown shutdown, ClientLimits http, Idempotency idempotency, Auth auth,
                Observe observe) {
    /** A key looked up this long ago may have been revoked since: within the 5 s revocation promise, with room for the lookup itself. */
    private static final Duration MAX_KEY_CACHE = Duration.ofSeconds(4);
    /** application.yaml's stand-ins, fit for a developer's embedded run and refused in stack mode. */
    private static final String PLACEHOLDER_CURSOR_SECRET = "change-me-in-production";
    private static final String DEFAULT_DATABASE_PASSWORD = "workflow";

    /** Idempotency keys: how long a key is kept, how long a request holds it, how often expired keys are deleted. */
    record Idempotency(Duration retention, Duration lock, Duration cleanupInterval) {
    }

    /**
     * How one process executes runs: at most {@code concurrency} at once from Kafka and as many again
     * woken from timers; a claim's lease; waits up to {@code sleepMax} slept through, longer ones parked
     * on durable timers; due runs polled every {@code pollInterval}, at most {@code batchSize} a claim.
     */
    record Worker(int concurrency, Duration lease, Duration sleepMax, Duration pollInterval, int batchSize) {
    }

    /** The stranded-run sweep. */
    record Recovery(Duration interval, Duration pendingGrace, int batchSize) {
    }

    /**
     * Who may use the API: {@code required} (API keys) or not; how long a replica trusts a key it
     * looked up (which bounds how long a revoked key still works there), and each key's rate limit.
     */
    record Auth(boolean required, Duration keyCache, KeyRateLimit rateLimit) {
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
        Auth auth = auth(config, mode);
        if (mode == Mode.STACK) {
            refusePlaceholder(config, "cursor.secret", PLACEHOLDER_CURSOR_SECRET, "CURSOR_SECRET");
            refusePlaceholder(config, "postgres.password", DEFAULT_DATABASE_PASSWORD, "POSTGRES_PASSWORD");
        }
        Worker worker = new Worker(integer(config, "worker.concurrency"), seconds(config, "worker.lease.seconds"),
                millis(config, "timers.sleep.max.ms"), millis(config, "timers.poll.interval.ms"), integer(config, "timers.batch.size"));
        return new Settings(role, mode, text(config, "cursor.secret"), worker,
                new Recovery(seconds(config, "recovery.interval.seconds"), seconds(config, "recovery.pending.grace.seconds"),
                        integer(config, "recovery.batch.size")),
                integer(config, "cache.memory.max.entries"),
                new HttpApi.Limits(integer(config, "limits.payload.bytes"), integer(config, "limits.workflow.bytes"),
                        config.get("limits.page.bytes").asLong().get()),
                new WebhookSettings(millis(config, "webhook.connect.timeout.ms"), millis(config, "webhook.request.timeout.ms"),
                        integer(config, "limits.step.output.bytes"), WebhookAddressPolicy.parse(text(config, "webhook.allow")),
                        seconds(config, "webhook.signing.grace.seconds"), millis(config, "webhook.max.timeout.ms")),
                postgres(config.get("postgres")), redis(config.get("redis")), kafka(config.get("kafka"), worker),
                new Shutdown(millis(config, "shutdown.drain.delay.ms"), seconds(config, "shutdown.grace.seconds")),
                http(config.get("http")),
                new Idempotency(seconds(config, "idempotency.retention.seconds"), seconds(config, "idempotency.lock.seconds"),
                        seconds(config, "idempotency.cleanup.interval.seconds")), auth,
                new Observe(bool(config, "metrics.enabled"), LogFormat.parse(text(config, "log.format"))));
    }

    /** A stack that kept a published default would let anyone forge cursors or log in to its database. */
    private static void refusePlaceholder(Config config, String key, String placeholder, String variable) {
        if (placeholder.equals(text(config, key))) {
            throw new IllegalArgumentException("stack mode refuses the default " + key + " ('" + placeholder
                    + "'): set " + variable + " to a secret of your own (ops/stack up generates one)");
        }
    }

    /** {@code auth}: required, off, or auto (required in stack mode, off in the embedded mode). */
    private static Auth auth(Config config, Mode mode) {
        String value = text(config, "auth").trim().toLowerCase(Locale.ROOT);
        boolean required = switch (value) {
            case "required" -> true;
            case "off" -> false;
            case "auto" -> mode == Mode.STACK;
            default -> throw new IllegalArgumentException("AUTH must be required, off or auto, not '" + value + "'");
        };
        Duration keyCache = millis(config, "keys.cache.ms");
        if (keyCache.compareTo(MAX_KEY_CACHE) > 0) {
            throw new IllegalArgumentException("KEYS_CACHE_MS must be at most " + MAX_KEY_CACHE.toMillis()
                    + ": a revoked key must stop working within 5 s on every replica");
        }
        return new Auth(required, keyCache,
                new KeyRateLimit(config.get("keys.rate.per.second").asDouble().get(), integer(config, "keys.rate.burst")));
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
                text(postgres, "password"), bool(postgres, "prepared.statements"), integer(postgres, "pool.size"),
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
