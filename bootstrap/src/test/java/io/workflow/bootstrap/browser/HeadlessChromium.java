package io.workflow.bootstrap.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's chromium, headless, driven through Debian's chromium-driver (no driver is downloaded at
 * test time; {@code ops/test} installs both). Every console message of level SEVERE — a script
 * error, a refused resource, a failed request, a policy violation — is collected, and
 * {@link #assertNoConsoleErrors} fails on any. Screenshots land in {@code target/screenshots}.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final List<String> consoleErrors = new ArrayList<>();

    public HeadlessChromium() {
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                // As root, chromium needs --no-sandbox; /dev/shm is small on these machines.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                        "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                        "--disable-component-update", "--lang=en-US");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    }

    /** Both programs exist: the browser tests need them (ops/test installs chromium and chromium-driver). */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Goes to {@code url}; when only its fragment differs from the page shown, that is a change of view, not a load. */
    public void open(String url) {
        driver.get(url);
    }

    /** Loads {@code url} afresh, even when only its fragment differs from the page shown. */
    public void load(String url) {
        driver.get("about:blank");
        driver.get(url);
    }

    public WebElement find(By by) {
        return waitFor(driver -> driver.findElement(by), "element " + by);
    }

    /** Waits until {@code condition} returns something other than null or false. */
    public <T> T waitFor(ExpectedCondition<T> condition, String what) {
        return new WebDriverWait(driver, WAIT).withMessage(() -> "waiting for " + what + " on " + driver.getCurrentUrl()
                + "; console: " + readConsole())
                .ignoring(StaleElementReferenceException.class) // the dashboard redraws what changed
                .until(condition);
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the window shows as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SEVERE console messages since the last call, added to everything collected so far. */
    public List<String> readConsole() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        return List.copyOf(consoleErrors);
    }

    public void assertNoConsoleErrors(String page) {
        assertThat(readConsole()).as("console errors of the browser by %s", page).isEmpty();
    }

    /** Forgets the collected errors (after a check that provoked one on purpose). */
    public void clearConsole() {
        readConsole();
        consoleErrors.clear();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
