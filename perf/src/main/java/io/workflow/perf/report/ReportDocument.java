package io.workflow.perf.report;

import java.util.List;

import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Document;

/** The report of a run (or of merged runs) as one document, the seed's eleven sections, for every writer. */
public final class ReportDocument {

    /** The numbered sections, in order. */
    public static final List<String> SECTIONS = List.of(
            OverviewSections.OVERVIEW,
            OverviewSections.CONFIGURATION,
            SummarySection.TITLE,
            LatencySections.LATENCY,
            ThroughputSection.TITLE,
            ErrorSection.TITLE,
            EndpointSection.TITLE,
            LatencySections.PERCENTILES,
            VerdictSection.TITLE,
            ScalingSection.TITLE,
            ReproducibilitySection.TITLE);

    private ReportDocument() {
    }

    public static Document of(RunReport report) {
        ReportView view = new ReportView(report);
        int level = view.headline();
        return new Document(report.title(), List.of(new Paragraph("Generated " + report.generatedAt() + " by workflow-perf "
                + report.environment().driverVersion() + ". " + provenance(report) + " The same figures are in `report.json`.")),
                List.of(
                        OverviewSections.overview(view),
                        OverviewSections.configuration(view),
                        SummarySection.of(view, level),
                        LatencySections.latency(view, level),
                        ThroughputSection.of(view, level),
                        ErrorSection.of(view, level),
                        EndpointSection.of(view, level),
                        LatencySections.percentiles(view, level),
                        VerdictSection.of(view, level),
                        ScalingSection.of(view, level),
                        ReproducibilitySection.of(report)));
    }

    /** Where the figures come from: this run, or the runs a merged report combines. */
    private static String provenance(RunReport report) {
        if (!report.merged()) {
            return "Every figure below was measured in this run.";
        }
        return "This report merges " + report.sources().size() + " runs ("
                + String.join(", ", report.sources().stream().map(s -> s.name() + ": " + s.file()).toList())
                + "): every figure below was measured in one of them and is copied unchanged, or is a ratio of such figures; "
                + "a target measured in more than one run is named after its run (run/target).";
    }
}
