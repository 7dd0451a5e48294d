package io.workflow.perf.command;

import java.time.Duration;

/** Durations as typed on the command line: {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}, or bare seconds. */
final class DurationText {

    private DurationText() {
    }

    static Duration parse(String option, String text) {
        String value = text.trim().toLowerCase();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            double amount;
            long unitNanos;
            if (value.endsWith("s")) {
                amount = Double.parseDouble(value.substring(0, value.length() - 1));
                unitNanos = 1_000_000_000L;
            } else if (value.endsWith("m")) {
                amount = Double.parseDouble(value.substring(0, value.length() - 1));
                unitNanos = 60_000_000_000L;
            } else if (value.endsWith("h")) {
                amount = Double.parseDouble(value.substring(0, value.length() - 1));
                unitNanos = 3_600_000_000_000L;
            } else {
                amount = Double.parseDouble(value);
                unitNanos = 1_000_000_000L;
            }
            if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(Math.round(amount * unitNanos));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a duration: " + text + " (use e.g. 500ms, 60s, 2m)");
        }
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        return millis / 1000 + "s";
    }
}
