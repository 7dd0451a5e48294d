package io.workflow.bootstrap.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard in {@code ops/grafana}, read for tests: its queries and the metric names they use. */
public record GrafanaDashboard(JsonNode root) {
    /** Where the dashboard lies, from the bootstrap module (the tests' working directory). */
    public static final Path FILE = Path.of("..", "ops", "grafana", "workflow-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b(workflow_[a-z0-9_]+)\\b");

    public static GrafanaDashboard read() throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(FILE.toFile()));
    }

    /** Every PromQL expression of every panel. */
    public List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        return expressions;
    }

    /** The sample names the queries use (all of the service's own start with {@code workflow_}). */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions()) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
