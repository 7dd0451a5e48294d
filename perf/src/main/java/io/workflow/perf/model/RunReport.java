package io.workflow.perf.model;

import java.util.List;

/**
 * The whole report, as written to report.json; see perf/README.md for the schema. A {@code run} has no
 * {@code sources}; a report made by {@code merge} lists the reports it combined there, and its phases, with their
 * targets renamed where two inputs used the same name, are those of the inputs, unchanged.
 */
public record RunReport(
        String schema,
        String generatedAt,
        Environment environment,
        Settings settings,
        String stubTarget,
        List<PhaseResult> phases,
        List<Multipliers> multipliers,
        List<CeilingCheck> ceilings,
        List<CpuPerRequest> cpuPerRequest,
        String title,
        List<ReportSource> sources) {

    public static final String SCHEMA = "workflow-perf-report/1";
    public static final String DEFAULT_TITLE = "Stress & Regression Testing — Full Metrics Report";

    public RunReport {
        // reports written before these fields existed read back with the defaults
        title = title == null || title.isBlank() ? DEFAULT_TITLE : title;
        sources = sources == null ? List.of() : List.copyOf(sources);
        // derived from the phases, like the ceilings; null when not given (and in reports written before it existed)
        cpuPerRequest = cpuPerRequest != null ? List.copyOf(cpuPerRequest)
                : phases == null ? List.of() : CpuPerRequest.of(phases, ceilings == null ? List.of() : ceilings);
    }

    /** A report of one run: the default title, no sources, CPU per request from the phases. */
    public RunReport(String schema, String generatedAt, Environment environment, Settings settings, String stubTarget,
                     List<PhaseResult> phases, List<Multipliers> multipliers, List<CeilingCheck> ceilings) {
        this(schema, generatedAt, environment, settings, stubTarget, phases, multipliers, ceilings, null, DEFAULT_TITLE, List.of());
    }

    /** Whether this report combines several runs ({@code perf merge}). */
    public boolean merged() {
        return !sources.isEmpty();
    }
}
