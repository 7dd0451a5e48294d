package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

/** Starts the service: configuration from application.yaml, overridden by environment variables. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        if (Role.parse(config.get("role").asString().orElse("all")) == Role.MIGRATE) {
            if (Mode.parse(config.get("mode").asString().orElse("embedded")) != Mode.STACK) {
                throw new IllegalArgumentException("role 'migrate' needs mode 'stack': the embedded mode has nothing to migrate");
            }
            Migration.run(config);
            return;
        }
        Service service = Service.start(config);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(service::close));
    }
}
