package io.workflow.perf.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The open-files limit of this process, from /proc/self/limits. */
record FileLimits(long soft, long hard) {

    static final long UNLIMITED = Long.MAX_VALUE;

    static FileLimits read(Path limits) {
        try {
            return parse(Files.readString(limits));
        } catch (IOException e) {
            return null;
        }
    }

    static FileLimits parse(String limitsText) {
        for (String line : limitsText.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                return new FileLimits(value(fields[0]), value(fields[1]));
            }
        }
        return null;
    }

    private static long value(String field) {
        return field.equals("unlimited") ? UNLIMITED : Long.parseLong(field);
    }

    /** A warning when {@code connections} sockets plus some slack for the JVM would not fit, else null. */
    String warningFor(int connections) {
        long needed = connections + 256L;
        if (soft >= needed) {
            return null;
        }
        String raise = hard >= needed
                ? "run 'ulimit -n " + hard + "' in this shell first"
                : "even the hard limit (" + hard + ") is too low: raise it in /etc/security/limits.conf or run fewer users";
        return "WARNING: open-files limit is " + soft + " but " + connections
                + " connections need about " + needed + " descriptors; " + raise + ".";
    }
}
