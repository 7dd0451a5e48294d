package io.workflow.bootstrap;

import java.util.Locale;

/** Which adapters back the ports: everything in memory, or the real stack. */
enum Mode {
    /** In-memory store and cache, runs executed in-process: no external server at all. */
    EMBEDDED,
    /** PostgreSQL (through PgBouncer), Kafka and Redis. */
    STACK;

    static Mode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be embedded or stack, not '" + value + "'");
        }
    }
}
