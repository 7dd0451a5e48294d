package io.workflow.bootstrap.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run dashboard at {@code /ui}, driven in headless chromium the way a user would: create a
 * workflow, trigger it, watch the run succeed on its page, filter the runs, open a failed run and
 * read the failing step's error, cancel and retry. Every page must render without one console
 * error, on a laptop and at a phone's 375 px. A subclass says where the service runs (embedded,
 * or the stack through nginx); the webhook receiver runs in this JVM on loopback.
 */
public abstract class DashboardScenarios extends BrowserScenarios {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    private WebhookReceiver webhooks;

    /** Prefix of the screenshots' names, so that the embedded and the stack run keep theirs apart. */
    protected abstract String screenshotPrefix();

    @BeforeAll
    void startWebhooks() {
        webhooks = new WebhookReceiver();
    }

    @AfterAll
    void stopWebhooks() {
        if (webhooks != null) {
            webhooks.close();
        }
    }

    @BeforeEach
    void laptopWindow() {
        browser.resize(1280, 1000);
        browser.clearConsole();
    }

    @AfterEach
    void noConsoleErrors() {
        browser.assertNoConsoleErrors("the end of the test");
    }

    @Test
    void consoleErrors_areSeenByTheTests() {
        browser.load(base + "/ui#/runs");
        browser.script("console.error('a probe of the console check')");

        assertThat(browser.readConsole()).anyMatch(message -> message.contains("a probe of the console check"));
        browser.clearConsole();
    }

    @Test
    void aWorkflowCreatedAndTriggeredInTheDashboard_reachesSuccessOnItsRunPage() {
        String name = "ui-ok-" + shortName();
        browser.load(base + "/ui#/workflows");
        WebElement definition = browser.find(By.id("definition"));
        definition.clear();
        definition.sendKeys("{\"name\":\"" + name + "\",\"steps\":[{\"name\":\"wait\",\"type\":\"delay\",\"config\":{\"duration\":1}},"
                + "{\"name\":\"notify\",\"type\":\"webhook\",\"config\":{\"url\":\"" + webhooks.url("ok")
                + "\",\"method\":\"POST\",\"body\":{\"user\":\"${payload.user_id}\"}}}]}");
        browser.find(By.xpath("//button[text()='Create workflow']")).click();
        browser.waitFor(driver -> driver.findElement(By.tagName("h1")).getText().equals(name), "the workflow's page");
        browser.assertNoConsoleErrors("the workflow's page");
        browser.screenshot(screenshotPrefix() + "workflow");

        WebElement payload = browser.find(By.id("payload"));
        payload.clear();
        payload.sendKeys("{\"user_id\": 7}");
        browser.find(By.xpath("//button[text()='Trigger run']")).click();

        browser.waitFor(driver -> driver.getCurrentUrl().contains("#/runs/"), "the run's page");
        String runId = browser.driver().getCurrentUrl().replaceAll(".*#/runs/", "");
        assertThat(UUID.fromString(runId)).isNotNull();
        browser.waitFor(driver -> statusInHeading().equals("success"), "the run to succeed on its page");
        assertThat(stepStatuses()).containsExactly(Map.entry("wait", "success"), Map.entry("notify", "success"));
        assertThat(browser.find(By.linkText(name)).getAttribute("href")).endsWith("#/workflows/" + api.get("/api/v1/runs/" + runId).get("workflow_id"));
        assertThat(browser.find(By.xpath("//summary[text()='Payload']/following-sibling::pre")).getAttribute("textContent"))
                .contains("\"user_id\": 7");
        browser.assertNoConsoleErrors("the run's page");
        browser.screenshot(screenshotPrefix() + "run-success");
    }

    @Test
    void theRunsFilteredByStatus_leadToAFailedRun_whosePageShowsTheFailingStepsError() {
        String failing = api.createWorkflow("ui-fail-" + shortName(), List.of(
                Map.of("name", "first", "type", "delay", "config", Map.of("duration", 1)),
                Map.of("name", "refused", "type", "webhook", "config", Map.of("url", webhooks.url("fail"), "method", "POST")),
                Map.of("name", "never", "type", "delay", "config", Map.of("duration", 1))));
        String passing = api.createWorkflow("ui-pass-" + shortName(), List.of(
                Map.of("name", "quick", "type", "delay", "config", Map.of("duration", 1))));
        String failedRun = api.trigger(failing, Map.of("user_id", 1));
        String succeededRun = api.trigger(passing, Map.of());
        api.awaitStatus(failedRun, Set.of("failed"), RUN_TIMEOUT);
        api.awaitStatus(succeededRun, Set.of("success"), RUN_TIMEOUT);

        browser.load(base + "/ui#/runs");
        browser.find(By.linkText(shortId(succeededRun)));
        new Select(browser.find(By.id("filter-status"))).selectByValue("failed");
        browser.waitFor(driver -> driver.findElements(By.linkText(shortId(succeededRun))).isEmpty(),
                "the succeeded run to leave the filtered list");
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/runs?status=failed");
        List<String> statuses = browser.driver().findElements(By.cssSelector(".results tbody .badge")).stream()
                .map(WebElement::getText).distinct().toList();
        assertThat(statuses).containsExactly("failed");
        browser.assertNoConsoleErrors("the runs filtered by status");
        browser.screenshot(screenshotPrefix() + "runs-failed");

        browser.find(By.linkText(shortId(failedRun))).click();
        browser.waitFor(driver -> statusInHeading().equals("failed"), "the failed run's page");
        assertThat(stepStatuses()).containsExactly(Map.entry("first", "success"), Map.entry("refused", "failed"),
                Map.entry("never", "not run"));
        assertThat(browser.find(By.cssSelector("tr.row-failed")).getText())
                .contains("refused").contains(webhooks.url("fail")).contains("answered 400");
        browser.screenshot(screenshotPrefix() + "run-failed");

        browser.find(By.xpath("//button[text()='Retry run']")).click();
        browser.waitFor(driver -> driver.findElement(By.cssSelector(".notice")).getText().startsWith("Retried"), "the retry's notice");
        assertThat(api.awaitStatus(failedRun, Set.of("failed"), RUN_TIMEOUT).get("attempt")).isEqualTo(2);
        browser.waitFor(driver -> factOf("Attempt").equals("2"), "the run page's attempt to follow the retry");
        browser.assertNoConsoleErrors("the failed run's page");
    }

    @Test
    void aRunInALongDelay_isCancelledFromItsPage() {
        String workflow = api.createWorkflow("ui-slow-" + shortName(), List.of(
                Map.of("name", "long-wait", "type", "delay", "config", Map.of("duration", 3600))));
        String runId = api.trigger(workflow, Map.of());
        api.awaitStatus(runId, Set.of("running"), RUN_TIMEOUT);

        browser.load(base + "/ui#/runs/" + runId);
        browser.waitFor(driver -> statusInHeading().equals("running"), "the running run's page");
        assertThat(stepStatuses()).containsExactly(Map.entry("long-wait", "running"));
        browser.find(By.xpath("//button[text()='Cancel run']")).click();

        browser.waitFor(driver -> statusInHeading().equals("cancelled"), "the run to be cancelled on its page");
        assertThat(api.get("/api/v1/runs/" + runId).get("status")).isEqualTo("cancelled");
        assertThat(browser.find(By.xpath("//button[text()='Cancel run']")).isEnabled()).isFalse();
        assertThat(browser.find(By.xpath("//button[text()='Retry run']")).isEnabled()).isTrue();
    }

    @Test
    void everyPage_rendersWithoutConsoleErrors_onALaptopAndAtAPhonesWidth() {
        String workflow = api.createWorkflow("ui-pages-" + shortName(), List.of(
                Map.of("name", "quick", "type", "delay", "config", Map.of("duration", 1))));
        String runId = api.trigger(workflow, Map.of("page", "check"));
        api.awaitStatus(runId, Set.of("success"), RUN_TIMEOUT);
        Map<String, String> pages = Map.of("runs", "#/runs", "run", "#/runs/" + runId, "workflows", "#/workflows",
                "workflow-detail", "#/workflows/" + workflow, "overview", "#/overview");

        browser.load(base + "/ui#/");
        for (int width : new int[]{1280, 375}) {
            browser.resize(width, width == 375 ? 812 : 1000);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.open(base + "/ui" + page.getValue());
                browser.waitFor(driver -> page.getValue().equals(driver.findElement(By.id("view")).getAttribute("data-ready")),
                        page.getKey() + " to render");
                assertThat(browser.driver().findElements(By.cssSelector("#view .error"))).as(page.getKey()).isEmpty();
                assertThat(unlabelledControls()).as("form controls without a label on %s", page.getKey()).isZero();
                if (width == 375) {
                    assertThat((Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth"))
                            .as("horizontal overflow of %s at 375 px, by %s", page.getKey(), browser.script(
                                    "return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right"
                                            + " > window.innerWidth).map((e) => e.tagName + '.' + e.className).slice(0, 8).join(' ')"))
                            .isLessThanOrEqualTo(0L);
                }
                browser.assertNoConsoleErrors(page.getKey() + " at " + width + " px");
                browser.screenshot(screenshotPrefix() + (width == 375 ? "phone-" : "dashboard-") + page.getKey());
            }
        }
        browser.load(base + "/ui#/overview");
        browser.find(By.cssSelector(".cards"));
        assertThat(browser.find(By.cssSelector(".legend")).getText()).contains("GET /api/v1/runs").contains("looked at");
    }

    @Test
    void theKeyboardAlone_movesBetweenTheViews() {
        browser.load(base + "/ui#/runs");
        browser.find(By.cssSelector("#view h1"));
        WebElement body = browser.driver().findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        assertThat(browser.driver().switchTo().activeElement().getText()).isEqualTo("Skip to content");
        browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement focused = browser.driver().switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Workflows");
        focused.sendKeys(Keys.ENTER);

        browser.waitFor(driver -> driver.findElement(By.cssSelector("#view h1")).getText().equals("Workflows"), "the workflows view");
        assertThat(browser.find(By.cssSelector("[data-nav='workflows']")).getAttribute("aria-current")).isEqualTo("page");
    }

    @Test
    void theApiKey_isSentAsABearerToken_andTheTimeFilter_asCreatedAfter() {
        String workflow = api.createWorkflow("ui-key-" + shortName(), List.of(
                Map.of("name", "quick", "type", "delay", "config", Map.of("duration", 1))));
        String runId = api.trigger(workflow, Map.of());
        browser.load(base + "/ui#/runs");
        browser.find(By.linkText(shortId(runId)));

        // Where keys are required the key typed must be a real one; where they are off any key will do.
        String typed = apiKey() != null ? apiKey() : "test-key-123";
        try {
            WebElement keyBox = browser.find(By.id("api-key"));
            keyBox.clear(); // it shows the key in use, if any (the stack's, put there before the tests)
            keyBox.sendKeys(typed);
            browser.find(By.xpath("//button[text()='Use']")).click();
            browser.find(By.linkText(shortId(runId)));
            // From here on every request must carry the key: the view's own, the live refresh's, the filter's.
            browser.script("window.sent = []; const original = window.fetch;"
                    + "window.fetch = (url, options) => { window.sent.push([String(url), (options.headers || {}).Authorization || null]);"
                    + " return original(url, options); };");
            new Select(browser.find(By.id("filter-within"))).selectByValue("900");
            browser.waitFor(driver -> driver.getCurrentUrl().endsWith("#/runs?within=900"), "the time filter in the URL");
            browser.find(By.linkText(shortId(runId)));

            @SuppressWarnings("unchecked")
            List<List<String>> sent = (List<List<String>>) browser.script("return window.sent");
            assertThat(sent).isNotEmpty().allSatisfy(request -> assertThat(request.get(1)).isEqualTo("Bearer " + typed));
            assertThat(sent).anySatisfy(request -> assertThat(request.getFirst()).startsWith("/api/v1/runs?")
                    .containsPattern("created_after=\\d{4}-\\d\\d-\\d\\dT"));
            // Clearing the key re-renders the page; where keys are required its requests would be
            // refused (401, a console error), so from here on the page's requests are held, unsent.
            browser.script("window.fetch = () => new Promise(() => {})");
            browser.find(By.xpath("//button[text()='Clear']")).click();
            assertThat(browser.script("return window.localStorage.getItem('workflow.apiKey')")).isNull();
        } finally {
            if (apiKey() != null) {
                // the scenarios after this one need the stack's key back, whatever happened here
                browser.script("window.localStorage.setItem('workflow.apiKey', arguments[0])", apiKey());
            }
        }
    }

    private String statusInHeading() {
        List<WebElement> badges = browser.driver().findElements(By.cssSelector("#view h1 .badge"));
        return badges.isEmpty() ? "" : badges.getFirst().getText();
    }

    /** Step name to status, in the order of the run page's step table. */
    private List<Map.Entry<String, String>> stepStatuses() {
        return browser.driver().findElements(By.cssSelector("section[aria-labelledby='steps-title'] table tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")))
                .map(cells -> Map.entry(cells.get(1).getText(), cells.get(3).getText()))
                .toList();
    }

    private String factOf(String term) {
        return browser.find(By.xpath("//dl[@class='facts']/dt[text()='" + term + "']/following-sibling::dd[1]")).getText();
    }

    private long unlabelledControls() {
        return (Long) browser.script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')).length");
    }

    /** How the dashboard shows an id: its last 8 characters. */
    private static String shortId(String id) {
        return id.substring(id.length() - 8);
    }

    private static String shortName() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
