package io.workflow.perf.report;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.workflow.perf.model.RunReport;

/** report.json: the report model as JSON, and back again for {@code compare}. */
public final class JsonReport {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // newer reports may add fields; compare reads what it knows
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonReport() {
    }

    public static String render(RunReport report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("the report model cannot be serialised", e);
        }
    }

    public static RunReport read(Path file) throws IOException {
        RunReport report = MAPPER.readValue(file.toFile(), RunReport.class);
        if (report.schema() == null || !report.schema().startsWith("workflow-perf-report/")) {
            throw new IOException(file + " is not a perf report (schema " + report.schema() + ")");
        }
        return report;
    }
}
