package io.workflow.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.workflow.adapters.kafka.KafkaSettings;
import io.workflow.adapters.postgres.PostgresStore;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.run.Run;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service in stack mode, in this JVM (role all, authentication off), over the PostgreSQL, Redis
 * and Kafka the integration tests are given ({@code POSTGRES_PORT}, {@code POSTGRES_DIRECT_PORT},
 * {@code POSTGRES_PASSWORD}, {@code REDIS_PORT}, {@code KAFKA_BOOTSTRAP_SERVERS}, database
 * {@code POSTGRES_IT_DB}): an unreadable event on the trigger topic shows up in
 * {@code GET /api/v1/dead-letters}, and an event whose run did not exist is redriven, once the run
 * exists, to success.
 */
class DeadLetterRedriveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Settings settings;
    private static Service service;

    @BeforeAll
    static void start() {
        Map<String, String> values = new HashMap<>(Map.of("mode", "stack", "role", "all", "server.port", "0", "auth", "off",
                "postgres.port", env("POSTGRES_PORT", "6432"), "postgres.direct.port", env("POSTGRES_DIRECT_PORT", "5432"),
                "postgres.password", env("POSTGRES_PASSWORD", "workflow"), "postgres.db", env("POSTGRES_IT_DB", "workflow_it"),
                "redis.port", env("REDIS_PORT", "6379"), "kafka.bootstrap.servers", env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")));
        // The sweeper would dispatch a pending run after this grace; a redrive must not need it.
        values.put("recovery.pending.grace.seconds", "31536000");
        values.put("cursor.secret", "dead-letter-it-" + UUID.randomUUID());
        Config config = Config.builder()
                .addSource(ConfigSources.create(values))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
        Settings read = Settings.read(config);
        // Topics and a consumer group of this test's own: where ops/test runs the full stack beside it,
        // the stack's workers (another database) must not take these events.
        String unique = "it-dead-letters-" + UUID.randomUUID();
        KafkaSettings kafka = read.kafka();
        kafka = new KafkaSettings(kafka.bootstrapServers(), unique, unique + ".trigger", unique + ".completed",
                unique + ".dlq", 1, kafka.maxBlock(), kafka.deliveryTimeout(), kafka.linger(), kafka.sessionTimeout(),
                kafka.workerConcurrency());
        settings = new Settings(read.role(), read.mode(), read.cursorSecret(), read.worker(), read.recovery(),
                read.cacheMaxEntries(), read.limits(), read.webhook(), read.postgres(), read.redis(), kafka, read.shutdown(),
                read.http(), read.idempotency(), read.auth(), read.observe());
        Migration.run(settings);
        service = Service.start(settings, config.get("server"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (settings != null) {
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    Map.of("bootstrap.servers", settings.kafka().bootstrapServers()))) {
                admin.deleteTopics(List.of(settings.kafka().triggerTopic(), settings.kafka().completedTopic(),
                        settings.kafka().deadLetterTopic())).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anUnreadableEvent_isListed_andAFixedOnesRedrive_runsItToSuccess() throws Exception {
        String marker = "not json at all " + UUID.randomUUID();
        produce(marker);
        Map<String, Object> unreadable = awaitLetter(letter -> marker.equals(letter.get("payload")));
        assertThat((String) unreadable.get("reason")).startsWith("not JSON");
        assertThat(unreadable.get("source")).isEqualTo(settings.kafka().triggerTopic());
        assertThat(unreadable.get("recorded_at")).isNotNull();
        assertThat(send("POST", "/api/v1/dead-letters/" + unreadable.get("id") + "/redrive", null).statusCode()).isEqualTo(422);

        String workflowId = (String) JSON.readValue(send("POST", "/api/v1/workflows",
                "{\"name\":\"dead-letter redrive\",\"steps\":[{\"name\":\"pause\",\"type\":\"delay\",\"config\":{\"duration\":1}}]}")
                .body(), Map.class).get("workflow_id");
        UUID runId = TimeOrderedIds.next(Instant.now());
        produce("{\"schema\":1,\"run_id\":\"" + runId + "\",\"workflow_id\":\"" + workflowId + "\"}");
        Map<String, Object> unloadable = awaitLetter(letter -> runId.toString().equals(letter.get("run_id")));
        String redrive = "/api/v1/dead-letters/" + unloadable.get("id") + "/redrive";
        assertThat(send("POST", redrive, null).statusCode()).as("the run does not exist yet").isEqualTo(409);

        // The operator's fix: the run the event named now exists (pending, as a trigger leaves it).
        try (PostgresStore store = PostgresStore.open(settings.postgres())) {
            store.runs().insert(Run.pending(runId, UUID.fromString(workflowId), Map.of("fixed", true),
                    Instant.now().truncatedTo(ChronoUnit.MICROS)));
        }
        HttpResponse<String> redriven = send("POST", redrive, null);
        assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
        assertThat(JSON.readValue(redriven.body(), Map.class).get("redriven_at")).isNotNull();

        long deadline = System.nanoTime() + WAIT.toNanos();
        String status = null;
        while (System.nanoTime() < deadline && !"success".equals(status)) {
            TimeUnit.MILLISECONDS.sleep(200);
            status = (String) JSON.readValue(send("GET", "/api/v1/runs/" + runId, null).body(), Map.class).get("status");
        }
        assertThat(status).as("the redriven run's status").isEqualTo("success");

        assertThat(send("DELETE", "/api/v1/dead-letters/" + unloadable.get("id"), null).statusCode()).isEqualTo(204);
        assertThat(letters()).noneMatch(letter -> letter.get("id").equals(unloadable.get("id")));
    }

    private static void produce(String value) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(settings.kafka().triggerTopic(), value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> awaitLetter(java.util.function.Predicate<Map<String, Object>> which) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Map<String, Object>> found = letters().stream().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("no such dead letter listed within " + WAIT);
    }

    /** Every letter, walking next_cursor. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> letters() throws Exception {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> reply = send("GET", "/api/v1/dead-letters?limit=200" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            Map<String, Object> page = JSON.readValue(reply.body(), Map.class);
            all.addAll((List<Map<String, Object>>) page.get("items"));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null && ++pages < 100);
        return all;
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
