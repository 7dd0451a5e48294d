package io.workflow.bootstrap;

import java.util.Locale;

/** What a process does: serve the API, execute runs, both, or bring the schema and topics up to date and exit. */
enum Role {
    API, WORKER, ALL, MIGRATE;

    boolean servesApi() {
        return this == API || this == ALL;
    }

    boolean executesRuns() {
        return this == WORKER || this == ALL;
    }

    static Role parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be api, worker, all or migrate, not '" + value + "'");
        }
    }
}
