package io.workflow.perf.command;

import java.time.Duration;

/** Option values as typed on the command line; each error names the option and what was wrong with the value. */
final class OptionValues {

    private OptionValues() {
    }

    static int positive(String option, String text) {
        try {
            int n = Integer.parseInt(text.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": not a positive whole number: " + text);
    }

    static double positiveNumber(String option, String text) {
        try {
            double n = Double.parseDouble(text);
            if (n > 0 && !Double.isInfinite(n)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": not a positive number: " + text);
    }

    static Duration positiveDuration(String option, String text) {
        Duration duration = DurationText.parse(option, text);
        if (duration.isZero()) {
            throw new IllegalArgumentException(option + " must be above zero");
        }
        return duration;
    }
}
