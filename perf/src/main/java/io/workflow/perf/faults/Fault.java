package io.workflow.perf.faults;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The faults the suite inflicts, in the order it runs them, and for each the error kinds a client may see while it
 * lasts. Any other kind makes the suite fail ({@link VerdictRules}).
 *
 * <p>{@code tolerated}: answers the service gives on purpose (a 503 with Retry-After while PostgreSQL is away), or
 * that no service can avoid (a POST in flight on a process killed outright is not resent, so nginx answers 502).
 * Nothing else: an error still seen that a later change should remove would go here with a line saying why, and be
 * deleted when it is fixed, so that it can never come back unnoticed.
 */
public enum Fault {

    /** kill -9 of one API replica, started again after the down time. */
    API_KILL("api-kill", "kill -9 of one API replica, started again after the down time",
            // requests in flight on the killed replica: nginx does not resend a POST that reached it, and answers 502
            Set.of("HTTP 502")),
    /** kill -9 of one worker; its runs must still finish. */
    WORKER_KILL("worker-kill", "kill -9 of one worker, started again after the down time",
            Set.of()),
    /** SIGTERM to the broker, which stays away for the Kafka down time; triggers go on (the relay's outbox). */
    KAFKA_STOP("kafka-stop", "Kafka stopped (SIGTERM) for the Kafka down time, then started",
            Set.of()),
    REDIS_KILL("redis-kill", "kill -9 of Redis, started again after the down time",
            Set.of()),
    PGBOUNCER_KILL("pgbouncer-kill", "kill -9 of PgBouncer, started again after the down time",
            Set.of("HTTP 503")),
    POSTGRES_RESTART("postgres-restart", "PostgreSQL restarted in immediate mode (ops/stack restart postgres)",
            Set.of("HTTP 503")),
    ROLLING_RESTART("rolling-restart", "ops/stack restart all: every API replica, then every worker, one at a time",
            Set.of());

    private final String id;
    private final String description;
    private final Set<String> tolerated;

    Fault(String id, String description, Set<String> tolerated) {
        this.id = id;
        this.description = description;
        this.tolerated = tolerated;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Whether a client may see an error of {@code kind} (e.g. {@code HTTP 502}) under this fault today. */
    public boolean tolerates(String kind) {
        return tolerated.contains(kind);
    }

    public static Fault of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault: " + id + " (one of " + ids() + ")"));
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Fault::id).toList());
    }

    public static List<Fault> all() {
        return List.of(values());
    }
}
