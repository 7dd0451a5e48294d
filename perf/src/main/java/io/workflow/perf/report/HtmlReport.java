package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.workflow.perf.model.CeilingCheck;
import io.workflow.perf.model.EndpointResult;
import io.workflow.perf.model.ErrorKindCount;
import io.workflow.perf.model.HistogramBucket;
import io.workflow.perf.model.LatencySummary;
import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.ReportSource;
import io.workflow.perf.model.ResourceUsage;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.model.TargetSpec;
import io.workflow.perf.model.TimelinePoint;

/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, nothing loaded) with the seed's eleven
 * sections. Written as well-formed XML so that it can be checked by a parser.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
            h1{font-size:1.6em}h2{border-bottom:2px solid #4e79a7;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}
            thead th{background:#eef2f7}tbody th{text-align:left;font-weight:normal}
            pre{background:#f6f8fa;padding:.8em;overflow-x:auto;font-size:.85em}
            svg{display:block;margin:1em 0;max-width:100%;height:auto}
            .ok{color:#2e7d32}.bad{color:#c62828}nav li{margin:.15em 0}
            """;

    private final RunReport report;
    private final ReportView view;
    private final StringBuilder html = new StringBuilder();

    private HtmlReport(RunReport report) {
        this.report = report;
        this.view = new ReportView(report);
    }

    public static String render(RunReport report) {
        return new HtmlReport(report).build();
    }

    private String build() {
        int level = view.headline();
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>").append(Markup.escape(report.title())).append("</title>\n<style>")
                .append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(Markup.escape(report.title())).append("</h1>\n<p>Generated ")
                .append(Markup.escape(report.generatedAt())).append(" by workflow-perf ")
                .append(Markup.escape(report.environment().driverVersion())).append(". ")
                .append(Markup.escape(Sections.provenance(report))).append(" The same figures are in report.json.</p>\n");
        html.append("<nav><h2>Table of Contents</h2><ul>\n");
        for (String title : Sections.TITLES) {
            html.append("<li><a href=\"#").append(Sections.anchor(title)).append("\">").append(Markup.escape(title)).append("</a></li>\n");
        }
        html.append("</ul></nav>\n");
        overview();
        configuration();
        summary(level);
        latency(level);
        throughput(level);
        errors(level);
        endpoints(level);
        percentiles(level);
        verdict(level);
        scaling(level);
        reproducibility();
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private void open(int number) {
        String title = Sections.title(number);
        html.append("<section id=\"").append(Sections.anchor(title)).append("\">\n<h2>").append(Markup.escape(title)).append("</h2>\n");
    }

    private void close() {
        html.append("</section>\n");
    }

    private void h3(String title) {
        html.append("<h3>").append(Markup.escape(title)).append("</h3>\n");
    }

    private void p(String text) {
        html.append("<p>").append(Markup.escape(text)).append("</p>\n");
    }

    private void pre(String text) {
        html.append("<pre>").append(Markup.escape(text)).append("</pre>\n");
    }

    private void overview() {
        open(1);
        h3("Purpose");
        if (report.merged()) {
            for (ReportSource source : report.sources()) {
                p(source.name() + " run (" + source.file() + ", started " + source.startedAt() + "):");
                purpose(source.settings().targets().stream()
                        .map(t -> new TargetSpec(source.merged(t.name()), t.url(), t.stub())).toList());
            }
            p("Each target's client ceiling is the stub measured in its own run.");
        } else {
            purpose(report.settings().targets());
        }
        h3("Test Scope");
        html.append(DetailTables.scope(view).html());
        close();
    }

    private void purpose(List<TargetSpec> targets) {
        html.append("<ul>\n");
        targets.forEach(t -> html.append("<li><strong>").append(Markup.escape(t.name())).append("</strong> ")
                .append(Markup.escape(t.url())).append(t.stub() ? " — stub answering canned responses: the client's own ceiling" : "")
                .append("</li>\n"));
        html.append("</ul>\n");
    }

    private void configuration() {
        open(2);
        h3("Settings");
        html.append(DetailTables.settings(view).html());
        h3("Test Flow");
        html.append("<ol>\n");
        if (!report.phases().isEmpty()) {
            for (EndpointResult endpoint : report.phases().getFirst().endpoints()) {
                html.append("<li>").append(Markup.escape(endpoint.endpoint())).append(" <small>(")
                        .append(Markup.escape(endpoint.category())).append(")</small></li>\n");
            }
        }
        html.append("</ol>\n");
        p("Every user at once, one keep-alive connection each; the ids come from the timed responses.");
        close();
    }

    private void summary(int level) {
        open(3);
        List<PhaseResult> columns = view.columns(level);
        h3("3.1 Head-to-Head Comparison (" + Format.count(level) + " Concurrent Users)");
        html.append(SummaryTables.overall(columns).html());
        h3("3.2 Performance Multipliers");
        if (view.multipliers(level).isEmpty()) {
            p("One contender at this level: no multipliers between targets.");
        } else {
            html.append(DetailTables.multipliers(view.multipliers(level)).html());
        }
        h3("3.3 Client Ceiling");
        ceilings(level);
        h3("3.4 Warm-up");
        TextTable warmups = DetailTables.warmups(columns);
        if (warmups.rows().isEmpty()) {
            p("Warm-up was off.");
        } else {
            html.append(warmups.html());
        }
        close();
    }

    private void ceilings(int level) {
        List<CeilingCheck> ceilings = view.ceilings(level);
        if (ceilings.isEmpty()) {
            p("No stub target at this level: the client's own ceiling was not measured.");
            return;
        }
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (List<CeilingCheck> group : view.ceilingsByStub(level).values()) {
            for (CeilingCheck c : group) {
                labels.add(c.target());
                values.add(c.targetRequestsPerSecond());
            }
            labels.add(group.getFirst().stub() + " (ceiling)");
            values.add(group.getFirst().stubRequestsPerSecond());
        }
        html.append(SvgChart.hbars("Throughput vs the client's ceiling (req/s)", labels,
                List.of(new SvgChart.Series("req/s", values)), Format::rate));
        html.append("<ul>\n");
        for (CeilingCheck c : ceilings) {
            html.append("<li class=\"").append(c.sufficient() ? "ok" : "bad").append("\">")
                    .append(Markup.escape("Headroom of " + c.stub() + " over " + c.target() + ": " + Format.times(c.headroom()) + " — "
                            + (c.sufficient() ? "sufficient: the target, not the driver, set its figure"
                            : "below " + Format.times(CeilingCheck.REQUIRED_HEADROOM) + ": the driver may have limited this figure")))
                    .append("</li>\n");
        }
        html.append("</ul>\n");
    }

    private void latency(int level) {
        open(4);
        List<PhaseResult> columns = view.columns(level);
        h3("4.1 Latency Distribution (all requests)");
        for (PhaseResult phase : columns) {
            List<String> labels = new ArrayList<>();
            List<Double> counts = new ArrayList<>();
            for (HistogramBucket bucket : phase.latency().histogram()) {
                labels.add(Format.ms(bucket.fromMs()) + "–" + Format.ms(bucket.toMs()));
                counts.add((double) bucket.count());
            }
            html.append(SvgChart.columns("Latency histogram — " + ReportView.columnName(phase) + " ("
                    + Format.count(phase.latency().count()) + " requests)", labels,
                    List.of(new SvgChart.Series(phase.target(), counts)), v -> Format.count(Math.round(v))));
        }
        h3("4.2 Percentile Ladder");
        List<String> categories = new ArrayList<>();
        for (double percentile : LatencySummary.LADDER) {
            categories.add(Format.percentile(percentile));
        }
        List<SvgChart.Line> lines = new ArrayList<>();
        for (PhaseResult phase : columns) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < phase.latency().ladder().size(); i++) {
                points.add(new double[] {i, phase.latency().ladder().get(i).ms()});
            }
            lines.add(new SvgChart.Line(ReportView.columnName(phase), points));
        }
        html.append(SvgChart.lines("Percentile ladder (ms)", lines, "percentile", v -> "", Format::ms, categories));
        html.append(DetailTables.ladder(columns, view.contenders(level)).html());
        close();
    }

    private void throughput(int level) {
        open(5);
        List<PhaseResult> columns = view.columns(level);
        h3("5.1 Throughput Comparison");
        html.append(SvgChart.hbars("Throughput (req/s)", columns.stream().map(ReportView::columnName).toList(),
                List.of(new SvgChart.Series("req/s", columns.stream().map(p -> p.throughput().requestsPerSecond()).toList()),
                        new SvgChart.Series("successful req/s", columns.stream().map(p -> p.throughput().successfulPerSecond()).toList())),
                Format::rate));
        h3("5.2 Effective Throughput (Successful Only)");
        html.append("<ul>\n");
        for (PhaseResult phase : columns) {
            html.append("<li>").append(Markup.escape(phase.target() + ": " + Format.count(phase.requests().succeeded()) + " / "
                    + Format.seconds(phase.wallSeconds()) + " = " + Format.rate(phase.throughput().successfulPerSecond())
                    + " effective req/s (" + Format.percent(phase.successPercent()) + " success)")).append("</li>\n");
        }
        html.append("</ul>\n");
        h3("5.3 Throughput and Errors over Time");
        html.append(SvgChart.lines("Requests finished per second", timelines(columns, TimelinePoint::requestsPerSecond),
                "seconds since the phase started", Format::seconds, Format::rate, null));
        html.append(SvgChart.lines("Errors per second", timelines(columns, TimelinePoint::errorsPerSecond),
                "seconds since the phase started", Format::seconds, Format::rate, null));
        TextTable openLoop = DetailTables.openLoop(columns);
        if (!openLoop.rows().isEmpty()) {
            h3("5.4 Open-Loop Schedule");
            html.append(openLoop.html());
            p("Latencies of open-loop phases count from each iteration's scheduled start (coordinated omission corrected).");
        }
        close();
    }

    private static List<SvgChart.Line> timelines(List<PhaseResult> phases, ToDoubleFunction<TimelinePoint> value) {
        List<SvgChart.Line> lines = new ArrayList<>();
        for (PhaseResult phase : phases) {
            lines.add(new SvgChart.Line(phase.target(),
                    phase.timeline().stream().map(t -> new double[] {t.tSeconds(), value.applyAsDouble(t)}).toList()));
        }
        return lines;
    }

    private void errors(int level) {
        open(6);
        List<PhaseResult> columns = view.columns(level);
        h3("6.1 Error Rate Comparison");
        TextTable rates = new TextTable(List.of("Target", "Requests", "OK", "Failed", "Not sent", "Success", "Error rate"));
        for (PhaseResult phase : columns) {
            rates.row(phase.target(), Format.count(phase.requests().sent()), Format.count(phase.requests().succeeded()),
                    Format.count(phase.requests().failed()), Format.count(phase.requests().notSent()),
                    Format.percent(phase.successPercent()), Format.percent(phase.errors().ratePercent()));
        }
        html.append(rates.html());
        h3("6.2 Errors by Kind");
        boolean any = false;
        for (PhaseResult phase : columns) {
            if (phase.errors().kinds().isEmpty()) {
                continue;
            }
            any = true;
            p(phase.target() + " — " + Format.count(phase.errors().total()) + " errors");
            html.append(DetailTables.errorKinds(phase).html());
            StringBuilder samples = new StringBuilder();
            for (ErrorKindCount kind : phase.errors().kinds()) {
                kind.samples().forEach(sample -> samples.append(kind.label()).append(": ").append(sample.replace("\n", " ")).append('\n'));
            }
            pre(samples.toString());
        }
        if (!any) {
            p("No errors in any phase at this level.");
        }
        h3("6.3 Error Impact on Users");
        html.append("<ul>\n");
        for (PhaseResult phase : columns) {
            html.append("<li>").append(Markup.escape(phase.target() + ": " + Format.count(phase.users().completed()) + "/"
                    + Format.count(phase.users().total()) + " users completed the full flow ("
                    + Format.percent(phase.usersCompletedPercent()) + ")")).append("</li>\n");
        }
        html.append("</ul>\n");
        h3("6.4 Run Completion (beyond the seed)");
        p("Trigger-to-terminal is measured by the driver from sending the trigger to first seeing a terminal status "
                + "(resolution: the poll interval); server duration is completed_at − started_at as the service reported it.");
        html.append(DetailTables.completion(columns).html());
        close();
    }

    private void endpoints(int level) {
        open(7);
        List<PhaseResult> columns = view.columns(level);
        h3("7.1 Summary Table");
        html.append(SummaryTables.endpoints(columns).html());
        h3("7.3 Endpoint Latency Visualization (mean)");
        html.append(endpointBars(columns, e -> e.latency().meanMs(), "Mean latency per endpoint"));
        close();
    }

    private static String endpointBars(List<PhaseResult> columns, ToDoubleFunction<EndpointResult> value, String title) {
        List<String> labels = columns.getFirst().endpoints().stream().map(EndpointResult::endpoint).toList();
        List<SvgChart.Series> series = new ArrayList<>();
        for (PhaseResult phase : columns) {
            series.add(new SvgChart.Series(ReportView.columnName(phase),
                    phase.endpoints().stream().map(e -> value.applyAsDouble(e)).toList()));
        }
        return SvgChart.hbars(title, labels, series, Format::ms);
    }

    private void percentiles(int level) {
        open(8);
        List<PhaseResult> columns = view.columns(level);
        h3("8.1 Full Percentile Table (all requests)");
        html.append(DetailTables.percentiles(columns, view.contenders(level)).html());
        h3("8.2 P99 Per Endpoint");
        html.append(endpointBars(columns, e -> e.latency().p99Ms(), "P99 latency per endpoint"));
        close();
    }

    private void verdict(int level) {
        open(9);
        List<PhaseResult> contenders = view.contenders(level);
        List<Scorecard.Row> rows = Scorecard.rows(contenders);
        h3("9.1 Scorecard (measured categories only)");
        html.append(DetailTables.scorecard(contenders, rows).html());
        h3("9.2 Resource Usage");
        List<PhaseResult> columns = view.columns(level);
        TextTable resources = DetailTables.resources(columns);
        if (resources.rows().isEmpty()) {
            p("No processes were sampled.");
        } else {
            html.append(resources.html());
            List<SvgChart.Line> cpu = new ArrayList<>();
            List<SvgChart.Line> rss = new ArrayList<>();
            for (PhaseResult phase : columns) {
                for (ResourceUsage usage : phase.resources()) {
                    String name = phase.target() + ": " + usage.name();
                    cpu.add(new SvgChart.Line(name, usage.series().stream().map(r -> new double[] {r.tSeconds(), r.cpuPercent()}).toList()));
                    rss.add(new SvgChart.Line(name, usage.series().stream().map(r -> new double[] {r.tSeconds(), r.rssMb()}).toList()));
                }
            }
            html.append(SvgChart.lines("CPU (100% = one core)", cpu, "seconds since the phase started", Format::seconds, Format::cpu, null));
            html.append(SvgChart.lines("Resident memory", rss, "seconds since the phase started", Format::seconds, Format::mb, null));
        }
        h3("9.3 Verdict");
        html.append("<ul>\n");
        VerdictLines.of(view, level, rows).forEach(line -> html.append("<li>").append(Markup.escape(line)).append("</li>\n"));
        html.append("</ul>\n");
        close();
    }

    private void scaling(int headline) {
        open(10);
        List<Integer> levels = view.levels();
        if (levels.size() < 2) {
            p("Only one load level was run (" + Format.count(headline) + " users). Run with --sweep 100,1000,10000 for the scaling comparison.");
            close();
            return;
        }
        for (int level : levels) {
            if (level == headline) {
                continue;
            }
            h3(Format.count(level) + " Concurrent Users");
            html.append(SummaryTables.overall(view.columns(level)).html());
            html.append(SummaryTables.endpoints(view.columns(level)).html());
            ceilings(level);
        }
        h3("Scaling Comparison");
        html.append(ScalingTable.build(view).html());
        List<String> targets = report.phases().stream().map(PhaseResult::target).distinct().toList();
        List<SvgChart.Line> throughput = new ArrayList<>();
        List<SvgChart.Line> p99 = new ArrayList<>();
        for (String target : targets) {
            List<PhaseResult> phases = report.phases().stream().filter(p -> p.target().equals(target))
                    .sorted((a, b) -> Integer.compare(a.concurrency(), b.concurrency())).toList();
            throughput.add(new SvgChart.Line(target, phases.stream().map(p -> new double[] {p.concurrency(), p.throughput().requestsPerSecond()}).toList()));
            p99.add(new SvgChart.Line(target, phases.stream().map(p -> new double[] {p.concurrency(), p.latency().p99Ms()}).toList()));
        }
        html.append(SvgChart.lines("Throughput by concurrent users (req/s)", throughput, "concurrent users",
                v -> Format.count(Math.round(v)), Format::rate, null));
        html.append(SvgChart.lines("P99 latency by concurrent users", p99, "concurrent users",
                v -> Format.count(Math.round(v)), Format::ms, null));
        close();
    }

    private void reproducibility() {
        open(11);
        h3("Running the Test");
        StringBuilder commands = new StringBuilder();
        for (ReportSource source : report.sources()) {
            commands.append("# the ").append(source.name()).append(" run (").append(source.file()).append("): started ")
                    .append(source.startedAt()).append(", report written ").append(source.generatedAt()).append(" on ")
                    .append(source.environment().hostname()).append('\n').append(source.environment().command()).append("\n\n");
        }
        if (report.merged()) {
            commands.append("# merged into this report (").append(report.generatedAt()).append(")\n");
        }
        pre(commands + report.environment().command() + "\n\n# the client-ceiling stub\nops/bench-stub start\nops/bench-stub stop\n");
        h3(report.merged() ? "Environment of Each Run" : "Environment");
        html.append(DetailTables.environment(report).html());
        h3("Environment Variables");
        html.append(DetailTables.variables().html());
        h3("Test Artifacts");
        html.append(DetailTables.artifacts(report).html());
        close();
    }
}
