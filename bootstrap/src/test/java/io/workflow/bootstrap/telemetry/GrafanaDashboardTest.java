package io.workflow.bootstrap.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's shape: a Prometheus datasource variable every panel uses, unique panel ids,
 * histogram quantiles over {@code _bucket} series by {@code le}, rates over Grafana's own interval.
 * That every name it queries is exported is checked against a live service ({@code ObservabilityServiceTest},
 * {@code MetricsIT}).
 */
class GrafanaDashboardTest {

    @Test
    void everyPanelQueriesThePrometheusVariable_withWellFormedQueries() throws Exception {
        GrafanaDashboard dashboard = GrafanaDashboard.read();
        JsonNode variable = dashboard.root().path("templating").path("list").get(0);
        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        String reference = "${" + variable.path("name").asText() + "}";

        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.root().path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id %s", panel.path("id")).isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(reference);
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
        }
        List<String> expressions = dashboard.expressions();
        assertThat(expressions).hasSizeGreaterThan(15);
        for (String expression : expressions) {
            assertThat(count(expression, '(')).as(expression).isEqualTo(count(expression, ')'));
            if (expression.contains("histogram_quantile")) {
                assertThat(expression).contains("_bucket{").contains("by (le");
            }
            if (expression.contains("rate(")) {
                assertThat(expression).contains("[$__rate_interval]");
            }
        }
        assertThat(dashboard.metricNames()).contains("workflow_http_request_duration_seconds_bucket",
                "workflow_runs_finished_total", "workflow_queue_lag_records", "workflow_db_pool_active_connections");
    }

    private static long count(String text, char c) {
        return text.chars().filter(x -> x == c).count();
    }
}
