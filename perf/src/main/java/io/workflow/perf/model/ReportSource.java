package io.workflow.perf.model;

import java.util.Map;

/**
 * One report combined by {@code perf merge}: where it was read from, when it ran, its own command line, machine and
 * settings (as recorded, with its own target names), and {@code targets}, each of its target names mapped to the
 * name it has in the merged report.
 */
public record ReportSource(
        String name,
        String file,
        String startedAt,
        String generatedAt,
        Environment environment,
        Settings settings,
        Map<String, String> targets) {

    /** The name a target of this source has in the merged report. */
    public String merged(String target) {
        return targets.getOrDefault(target, target);
    }
}
