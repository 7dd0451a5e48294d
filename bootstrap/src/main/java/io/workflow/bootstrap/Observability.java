package io.workflow.bootstrap;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Readiness and metrics under {@code /observe}: {@code /observe/health/ready} runs a check per
 * dependency (PostgreSQL, Redis, Kafka), {@code /observe/metrics} answers in Prometheus text.
 * The plain {@code /health} of the wire contract stays a liveness answer with no I/O.
 */
final class Observability {

    private Observability() {
    }

    static ObserveFeature feature(Map<String, BooleanSupplier> readinessChecks) {
        var health = HealthObserver.builder().details(true);
        readinessChecks.forEach((name, check) -> health.addCheck(() -> probe(check), HealthCheckType.READINESS, name));
        return ObserveFeature.builder()
                .addObserver(health.build())
                .addObserver(MetricsObserver.create())
                .build();
    }

    private static HealthCheckResponse probe(BooleanSupplier reachable) {
        boolean up;
        try {
            up = reachable.getAsBoolean();
        } catch (RuntimeException e) {
            up = false;
        }
        return HealthCheckResponse.builder().status(up).build();
    }
}
