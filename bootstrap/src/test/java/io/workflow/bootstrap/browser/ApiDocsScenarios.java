package io.workflow.bootstrap.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.yaml.snakeyaml.Yaml;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interactive API docs at {@code /docs}: Swagger UI, served from the jar, lists every operation
 * {@code /openapi} describes, and "Try it out" sends a real request to the same origin.
 */
public abstract class ApiDocsScenarios extends BrowserScenarios {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @AfterEach
    void noConsoleErrors() {
        browser.assertNoConsoleErrors("the API docs");
    }

    @Test
    void theDocs_listEveryOperationOfTheOpenApiDocument() {
        browser.load(base + "/docs");
        browser.find(By.cssSelector(".opblock"));

        Set<String> listed = new TreeSet<>();
        for (WebElement operation : browser.driver().findElements(By.cssSelector(".opblock"))) {
            listed.add(operation.findElement(By.cssSelector(".opblock-summary-method")).getText().toLowerCase()
                    + " " + operation.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path"));
        }
        assertThat(listed).isEqualTo(described()).hasSizeGreaterThanOrEqualTo(10);
        browser.screenshot("docs");
    }

    @Test
    void tryItOut_listsRunsThroughTheSameOrigin() {
        api.createWorkflow("docs-" + System.nanoTime(), java.util.List.of(
                Map.of("name", "quick", "type", "delay", "config", Map.of("duration", 1))));
        browser.load(base + "/docs#/runs/listRuns");
        WebElement operation = browser.find(By.id("operations-runs-listRuns"));
        if (operation.findElements(By.cssSelector(".try-out__btn")).isEmpty()) {
            operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        }
        browser.waitFor(driver -> operation.findElement(By.cssSelector(".try-out__btn")), "Try it out").click();
        browser.waitFor(driver -> operation.findElement(By.cssSelector("button.execute")), "Execute").click();

        WebElement status = browser.waitFor(driver -> operation.findElement(
                By.cssSelector(".live-responses-table .response .response-col_status")), "the live response");
        assertThat(status.getText().trim()).startsWith("200");
        assertThat(operation.findElement(By.cssSelector(".request-url pre")).getText()).startsWith(base + "/api/v1/runs");
        assertThat(operation.findElement(By.cssSelector(".live-responses-table .response-col_description pre"))
                .getAttribute("textContent"))
                .contains("\"items\"").contains("\"next_cursor\"");
        browser.screenshot("docs-try-it-out");
    }

    @Test
    void theDocsFiles_comeFromTheJar_withTheirContentTypesAndCaching() {
        HttpResponse<String> page = api.raw("/docs");
        HttpResponse<String> bundle = api.raw("/docs/swagger-ui-bundle.js");
        HttpResponse<String> style = api.raw("/docs/swagger-ui.css");
        HttpResponse<String> missing = api.raw("/docs/nothing-here.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("/docs/swagger-ui-bundle.js").doesNotContain("https://");
        assertThat(bundle.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(bundle.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
        assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    /** "method path" of every operation in /openapi. */
    @SuppressWarnings("unchecked")
    private Set<String> described() {
        Map<String, Object> document = new Yaml().load(api.raw("/openapi").body());
        Set<String> operations = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.keySet().stream()
                .filter(METHODS::contains)
                .forEach(method -> operations.add(method + " " + path)));
        return operations;
    }
}
