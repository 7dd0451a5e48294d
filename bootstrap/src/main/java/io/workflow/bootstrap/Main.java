package io.workflow.bootstrap;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

import java.util.Arrays;

/**
 * Starts the service: configuration from application.yaml, overridden by environment variables.
 * {@code keys ...} manages API keys instead ({@link KeysCommand}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Settings settings = Settings.read(config);
        settings.observe().logFormat().resolve(settings.mode() == Mode.STACK).apply();
        if (args.length > 0 && args[0].equals("keys")) {
            System.exit(KeysCommand.run(settings, Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (settings.role() == Role.MIGRATE) {
            Migration.run(settings);
            return;
        }
        Service service = Service.start(settings, config.get("server"));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(service::drainAndClose));
    }
}
