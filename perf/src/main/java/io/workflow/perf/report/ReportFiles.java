package io.workflow.perf.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.workflow.perf.model.RunReport;

/** Writes report.json, report.md and report.html into one directory. */
public final class ReportFiles {

    private ReportFiles() {
    }

    public static List<Path> write(RunReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path json = Files.writeString(directory.resolve("report.json"), JsonReport.render(report), StandardCharsets.UTF_8);
        Path md = Files.writeString(directory.resolve("report.md"), MarkdownReport.render(report), StandardCharsets.UTF_8);
        Path html = Files.writeString(directory.resolve("report.html"), HtmlReport.render(report), StandardCharsets.UTF_8);
        return List.of(md, json, html);
    }
}
