package io.workflow.bootstrap;

import java.util.Locale;

/** What a process does: serve the API, execute runs, or both. */
enum Role {
    API, WORKER, ALL;

    boolean servesApi() {
        return this != WORKER;
    }

    boolean executesRuns() {
        return this != API;
    }

    static Role parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be api, worker or all, not '" + value + "'");
        }
    }
}
