package io.workflow.bootstrap.telemetry;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context for a run's webhook calls. A run's trace id is its own id: a UUID is 128 bits,
 * exactly a trace id, so every call of a run shares one trace id that needs no storage and that
 * anyone holding the run id can find in the receiver's logs. Each call is a new span.
 */
final class Traceparent {
    static final String HEADER = "traceparent";

    private Traceparent() {
    }

    /** {@code 00-<run id as 32 hex digits>-<new span id>-01} (version 00, sampled). */
    static String forCall(UUID runId) {
        HexFormat hex = HexFormat.of();
        long span;
        do {
            span = ThreadLocalRandom.current().nextLong();
        } while (span == 0); // an all-zero span id is invalid
        return "00-" + hex.toHexDigits(runId.getMostSignificantBits()) + hex.toHexDigits(runId.getLeastSignificantBits())
                + "-" + hex.toHexDigits(span) + "-01";
    }
}
