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

    /** The same, with some settings of application.yaml overridden. */
    static Service start(Map<String, String> overrides) {
        Map<String, String> settings = new java.util.HashMap<>(overrides);
        settings.putAll(Map.of("mode", "embedded", "role", "all", "server.port", "0"));
        Config config = Config.builder()
                .addSource(ConfigSources.create(settings))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
        return Service.start(config);
    }
}
