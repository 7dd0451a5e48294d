package io.workflow.bootstrap.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every browser test class holds: the service (started or found by the subclass), headless
 * chromium, and the API for setting up data. Skipped, with the reason, where chromium is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserScenarios {
    protected HeadlessChromium browser;
    protected ApiCalls api;
    protected String base;

    /** Starts (or finds) the service; its base URL, such as {@code http://127.0.0.1:8080}. */
    protected abstract String startService();

    protected abstract void stopService();

    /** The API key the pages and the test's own calls use; none (null) where keys are off. */
    protected String apiKey() {
        return null;
    }

    @BeforeAll
    void startBrowser() {
        Assumptions.assumeTrue(HeadlessChromium.installed(),
                "chromium and chromium-driver are not installed (ops/test installs them)");
        base = startService();
        api = new ApiCalls(base, apiKey());
        browser = new HeadlessChromium();
        if (apiKey() != null) {
            // The dashboard keeps its key in the origin's local storage; a page without scripts of
            // the same origin is where it can be put before any dashboard page asks for data.
            browser.open(base + "/health");
            browser.script("window.localStorage.setItem('workflow.apiKey', arguments[0])", apiKey());
        }
    }

    @AfterAll
    void stopBrowser() {
        try (HeadlessChromium closing = browser) {
            stopService();
        }
    }
}
