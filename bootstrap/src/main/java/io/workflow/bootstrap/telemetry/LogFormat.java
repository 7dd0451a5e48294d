package io.workflow.bootstrap.telemetry;

import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * How log lines are written: {@code json} (one object a line, for machines: the stack's default),
 * {@code text} (for a person: the embedded mode's default), or {@code auto}, which picks by mode.
 */
public enum LogFormat {
    JSON, TEXT, AUTO;

    public static LogFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("log.format must be json, text or auto, not '" + text + "'", e);
        }
    }

    /** This format, {@code auto} resolved: JSON when the process runs in the stack. */
    public LogFormat resolve(boolean stack) {
        return this == AUTO ? (stack ? JSON : TEXT) : this;
    }

    /** Gives every handler of the root logger this format's formatter. */
    public void apply() {
        Formatter formatter = switch (this) {
            case JSON -> new JsonLogFormatter();
            case TEXT -> new TextLogFormatter();
            case AUTO -> throw new IllegalStateException("resolve the format first");
        };
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(formatter);
        }
    }
}
