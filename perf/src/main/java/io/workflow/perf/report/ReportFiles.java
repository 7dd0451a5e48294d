package io.workflow.perf.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.document.Document;
import io.workflow.perf.report.writer.HtmlWriter;
import io.workflow.perf.report.writer.MarkdownWriter;

/** Writes report.json (the data) and report.md and report.html (the one report document) into one directory. */
public final class ReportFiles {

    private ReportFiles() {
    }

    public static List<Path> write(RunReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Document document = ReportDocument.of(report);
        Path json = Files.writeString(directory.resolve("report.json"), JsonReport.render(report), StandardCharsets.UTF_8);
        Path md = Files.writeString(directory.resolve("report.md"), MarkdownWriter.render(document), StandardCharsets.UTF_8);
        Path html = Files.writeString(directory.resolve("report.html"), HtmlWriter.render(document), StandardCharsets.UTF_8);
        return List.of(md, json, html);
    }
}
