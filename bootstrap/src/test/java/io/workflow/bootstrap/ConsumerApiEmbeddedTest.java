package io.workflow.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** {@link ConsumerApiChecks} against the embedded service (memory adapters), as {@code ops/run} starts it. */
class ConsumerApiEmbeddedTest extends ConsumerApiChecks {
    private static Service service;

    @BeforeAll
    static void start() {
        service = EmbeddedServices.start(Map.of("webhook.allow", "127.0.0.2/32")); // the checks' webhook host
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Override
    protected String baseUrl() {
        return "http://127.0.0.1:" + service.port();
    }
}
