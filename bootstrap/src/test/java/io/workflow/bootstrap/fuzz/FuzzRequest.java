package io.workflow.bootstrap.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One generated request: its bytes exactly as they go on the wire, the method and target (to report
 * and to know a HEAD), and whether it needs a connection of its own because it breaks framing.
 */
public record FuzzRequest(String method, String target, byte[] wire, boolean ownConnection) {

    /** Whether a 200 answer to it created a run that must then be readable. */
    public boolean isTrigger() {
        return method.equals("POST") && target.startsWith("/api/v1/trigger");
    }

    @Override
    public String toString() {
        String text = new String(wire, 0, Math.min(wire.length, 600), StandardCharsets.ISO_8859_1);
        return method + " " + (target.length() > 120 ? target.substring(0, 120) + "…" : target) + " ("
                + wire.length + " bytes" + (ownConnection ? ", own connection" : "") + ")\n" + text
                + (wire.length > 600 ? "…" : "");
    }
}
