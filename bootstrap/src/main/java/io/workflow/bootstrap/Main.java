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
        Settings settings = Settings.read(config);
        settings.observe().logFormat().resolve(settings.mode() == Mode.STACK).apply();
        if (settings.role() == Role.MIGRATE) {
            Migration.run(settings);
            return;
        }
        Service service = Service.start(settings, config.get("server"));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(service::drainAndClose));
    }
}
