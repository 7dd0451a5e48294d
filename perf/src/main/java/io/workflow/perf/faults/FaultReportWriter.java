package io.workflow.perf.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.workflow.perf.faults.FaultReport.ErrorCount;
import io.workflow.perf.faults.FaultReport.Stretch;
import io.workflow.perf.faults.FaultReport.WorkerRecovery;
import io.workflow.perf.model.Environment;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Bullet;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Block.Tone;
import io.workflow.perf.report.document.Document;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;
import io.workflow.perf.report.writer.MarkdownWriter;
import io.workflow.perf.report.writer.TextWriter;

/** The fault report as a document (written by the report writers: Markdown, the console) and as JSON. */
public final class FaultReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String NONE = "—";

    private FaultReportWriter() {
    }

    /** Writes {@code report.md} and {@code report.json} into {@code dir}; returns their paths. */
    public static List<Path> write(FaultReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path markdown = Files.writeString(dir.resolve("report.md"), MarkdownWriter.render(document(report)));
        Path json = dir.resolve("report.json");
        JSON.writeValue(json.toFile(), report);
        return List.of(markdown, json);
    }

    public static String console(FaultReport report) {
        return TextWriter.render(document(report));
    }

    static Document document(FaultReport report) {
        String started = report.startedAt();
        String title = "Fault suite, " + started.substring(0, Math.min(16, started.length())).replace('T', ' ') + " UTC";
        List<Section> sections = new ArrayList<>();
        sections.add(Section.of("1. Per fault", table(report.stretches()), legend()));
        sections.add(Section.of("2. What each fault did", Bullets.of(report.stretches().stream()
                .map(s -> "**" + s.name() + "** — " + s.description() + ": " + s.action()).toList())));
        report.stretches().stream().filter(s -> s.workerRecovery() != null).findFirst().ifPresent(s ->
                sections.add(Section.of("3. Worker kill: when its runs ended", new Paragraph(recovery(s.workerRecovery())))));
        sections.add(Section.of(sections.size() + 1 + ". Verdict", verdict(report)));
        return new Document(title, List.of(preface(report)), sections);
    }

    private static Block preface(FaultReport report) {
        Environment env = report.environment();
        FaultReport.Settings settings = report.settings();
        return Bullets.of(List.of(
                "command: `" + env.command() + "`",
                String.format(Locale.ROOT, "machine: %s (%s), %d cores, %d MiB, Linux %s, Java %s", env.cpuModel(), env.hostname(),
                        env.cores(), env.memoryMb(), env.kernel(), env.javaVersion()),
                String.format(Locale.ROOT, "traffic: %s — one workflow (a 1 s delay step), %.0f triggers/s, each accepted run read "
                        + "until it ends; request timeout %s", settings.target(), settings.rate(), settings.requestTimeout()),
                String.format(Locale.ROOT, "stretches: baseline %s; each fault, then a quiet gap of %s (killed components stay down "
                                + "%s, Kafka %s); final wait up to %s; errors allowed per stretch: %s",
                        settings.baseline(), settings.gap(), settings.down(), settings.kafkaDown(), settings.finalWait(),
                        settings.maxErrors() == null ? "no limit" : settings.maxErrors()),
                "started " + report.startedAt() + ", finished " + report.finishedAt()));
    }

    private static Table table(List<Stretch> stretches) {
        Table.Builder table = Table.builder("stretch", "s", "requests", "not sent", "errors by kind", "accepted", "succeeded",
                "failed", "lost", "unknown", "slowest run s");
        for (Stretch s : stretches) {
            table.row(s.name(), String.format(Locale.ROOT, "%.0f", s.seconds()), Long.toString(s.sent()), Long.toString(s.notSent()),
                    errors(s.errors()), Long.toString(s.accepted()), Long.toString(s.succeeded()), Long.toString(s.failed()),
                    Long.toString(s.lost()), Long.toString(s.unknown()),
                    s.slowestRunSeconds() == null ? NONE : String.format(Locale.ROOT, "%.1f", s.slowestRunSeconds()));
        }
        return table.build();
    }

    private static Block legend() {
        return new Paragraph("*requests*: triggers and reads of runs sent during the stretch (*not sent*: triggers skipped at "
                + "the in-flight limit). Errors marked **(!)** are of a kind the stretch's fault is not expected to cause "
                + "(`Fault.java`). *lost*: accepted (2xx with a run id) but never seen terminal; *unknown*: triggers sent without "
                + "an answer, whose runs may or may not exist; *slowest run*: the longest a run of the stretch took from its "
                + "trigger's answer to its `completed_at`.");
    }

    private static String errors(List<ErrorCount> errors) {
        if (errors.isEmpty()) {
            return NONE;
        }
        return errors.stream()
                .map(e -> e.request() + " " + e.kind() + " × " + e.count() + (e.tolerated() ? "" : " **(!)**"))
                .collect(Collectors.joining("; "));
    }

    private static String recovery(WorkerRecovery r) {
        String last = r.lastTerminalSeconds() == null ? "none of them ended"
                : String.format(Locale.ROOT, "the last ended %.1f s after the kill", r.lastTerminalSeconds());
        return String.format(Locale.ROOT, "%s was killed with %d accepted run(s) not yet ended; %s; %d ended later than %d s "
                        + "after the kill (those it held: a run's own step takes 1 s); %d never ended.",
                r.worker(), r.inFlight(), last, r.late(), WorkerRecovery.LATE_AFTER_SECONDS, r.neverTerminal());
    }

    private static Block verdict(FaultReport report) {
        if (report.verdict().passed()) {
            Long max = report.settings().maxErrors();
            return new Bullets(List.of(new Bullet("PASSED: no accepted run lost, no error of an unexpected kind"
                    + (max == null ? "" : ", at most " + max + " errors per stretch") + ".", Tone.GOOD)));
        }
        List<Bullet> bullets = new ArrayList<>();
        bullets.add(new Bullet("FAILED:", Tone.BAD));
        report.verdict().reasons().forEach(reason -> bullets.add(new Bullet(reason, Tone.BAD)));
        return new Bullets(bullets);
    }
}
