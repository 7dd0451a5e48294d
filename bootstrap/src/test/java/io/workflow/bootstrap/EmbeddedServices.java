package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.util.Map;

/** The service in embedded mode as {@code ops/run} starts it (application.yaml, the composition root), on a free port. */
final class EmbeddedServices {
    private EmbeddedServices() {
    }

    static Service start() {
        Config config = Config.builder()
                .addSource(ConfigSources.create(Map.of("mode", "embedded", "role", "all", "server.port", "0")))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
        return Service.start(config);
    }
}
