package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.util.Map;

/** The service in embedded mode as {@code ops/run} starts it (application.yaml, the composition root), on a free port. */
final class EmbeddedServices {
    private EmbeddedServices() {
    }

    static Service start() {
        return start(Map.of());
    }

    /** With these settings over application.yaml's (for example {@code webhook.allow}). */
    static Service start(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("mode", "embedded", "role", "all", "server.port", "0"));
        all.putAll(settings);
        Config config = Config.builder()
                .addSource(ConfigSources.create(all))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
        return Service.start(config);
    }
}
