package io.workflow.bootstrap;

import io.workflow.adapters.kafka.KafkaTopics;
import io.workflow.adapters.postgres.PostgresMigrations;

import java.util.logging.Logger;

/**
 * {@code ROLE=migrate}: brings the database schema and the Kafka topics up to date, then returns.
 * One step of a deployment runs it once, before the API replicas and workers start, so none of
 * them spends its start-up on work another process already did.
 */
final class Migration {
    private static final Logger LOG = Logger.getLogger(Migration.class.getName());

    private Migration() {
    }

    static void run(Settings settings) {
        if (settings.mode() != Mode.STACK) {
            throw new IllegalArgumentException("role 'migrate' needs mode 'stack': the embedded mode has nothing to migrate");
        }
        int applied = PostgresMigrations.apply(settings.postgres());
        LOG.info(() -> "database schema up to date (" + applied + " migration(s) applied)");
        KafkaTopics.ensure(settings.kafka());
        LOG.info("Kafka topics present");
    }
}
