package io.workflow.perf.report.document;

import java.util.List;

/**
 * A report as its reader sees it: a title, a preface, and numbered sections of blocks. It is built once from the run
 * data; every writer (Markdown, HTML, console) renders any document without knowing what its sections mean.
 */
public record Document(String title, List<Block> preface, List<Section> sections) {

    public Document {
        preface = List.copyOf(preface);
        sections = List.copyOf(sections);
    }
}
