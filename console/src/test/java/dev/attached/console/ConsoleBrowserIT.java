package dev.attached.console;

import static dev.attached.console.RunningConsole.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.attached.console.RunningConsole.User;
import dev.attached.kind.testkit.Canary;

/**
 * The console in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), against the test
 * application on Open Liberty: the page shows the resources, follows a swap made by configuration without a reload,
 * and its refresh button works for an operator and is refused for a viewer. Runs with {@code -Pbrowser}.
 */
@EnabledIfSystemProperty(named = "attached.browser", matches = "true", disabledReason = "needs headless Chromium: mvn verify -Pbrowser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static RunningConsole console;

    /** How the browser logs a request the server refused. */
    private static final String REFUSED = "Failed to load resource: the server responded with a status of 403";

    private ChromeDriver browser;
    private Path profile;
    private final List<String> logged = new ArrayList<>();

    @BeforeAll
    static void awaitTheApplication() {
        console = new RunningConsole().awaitStarted();
    }

    @AfterEach
    void closeTheBrowser() throws IOException {
        if (browser != null) {
            try {
                assertNoPageErrors();
            } finally {
                browser.quit();
            }
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @Order(1)
    void aSwapMadeByConfigurationShowsWithoutAReload() {
        console.probe(); // readiness shows once the readiness endpoint has probed
        open(User.VIEWER);
        assertEquals("datasource", read(() -> row("orders-db").findElement(By.cssSelector("td.name .kind")).getText()));
        long generation = read(() -> Long.parseLong(cell(row("orders-db"), "generation").getText()));
        script("window.consoleTestMarker = 'the same page'");

        // A name with markup in it: the page must show it as text, never make it an element.
        String location = "jdbc:h2:mem:orders-<i>b</i>-" + generation;
        console.configure("attached.orders-db.url", location + ";DB_CLOSE_DELAY=-1");

        waitUntil(() -> cell(row("orders-db"), "generation").getText().equals(String.valueOf(generation + 1)));
        assertEquals(location, read(() -> cell(row("orders-db"), "location").getText()));
        assertTrue(browser.findElements(By.tagName("i")).isEmpty(), "a location is text, never markup");
        waitUntil(() -> !browser.findElements(historyRow("orders-db", "swapped")).isEmpty());
        assertTrue(read(() -> browser.findElement(historyRow("orders-db", "swapped")).getText()).contains(location));
        assertEquals("the same page", script("return window.consoleTestMarker"), "the page was not reloaded");
        assertEquals("ATTACHED",
                read(() -> cell(row("stock-db"), "state").findElement(By.className("badge")).getText()));
        Canary.assertAbsent("the page", browser.getPageSource());
    }

    @Test
    @Order(2)
    void aViewersRefreshIsRefused() {
        open(User.VIEWER);

        row("orders-db").findElement(By.cssSelector("button.refresh")).click();

        WebElement notice = awaitNotice();
        assertEquals("refused", notice.getAttribute("data-outcome"));
        assertTrue(notice.getText().contains("403"), notice.getText());
        assertTrue(severeLogEntries().stream().anyMatch(message -> message.contains(REFUSED)),
                "the browser's log is read: " + severeLogEntries());
    }

    @Test
    @Order(3)
    void anOperatorsRefreshWorksAndAFailedSwapShowsWithoutItsSecret() throws IOException {
        open(User.OPERATOR);
        long generation = read(() -> Long.parseLong(cell(row("orders-db"), "generation").getText()));

        console.configure("attached.orders-db.url", "jdbc:h2:tcp://sa:" + Canary.PASSWORD + "@127.0.0.1:1/orders");
        waitUntil(() -> !cell(row("orders-db"), "last-error").findElements(By.className("error")).isEmpty());
        waitUntil(() -> !browser.findElements(historyRow("orders-db", "swap-failed")).isEmpty());
        row("orders-db").findElement(By.cssSelector("button.refresh")).click();

        WebElement notice = awaitNotice();
        assertEquals("ok", notice.getAttribute("data-outcome"), notice.getText());
        assertTrue(notice.getText().startsWith("orders-db refreshed: generation " + generation + ", ATTACHED; "
                + "its configuration still fails: "), notice.getText());
        console.probe();
        waitUntil(() -> cell(row("geo-api"), "readiness").getText().contains("DOWN"));
        Canary.assertAbsent("the page", browser.getPageSource());
        screenshot();
    }

    private void open(User user) {
        try {
            profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String chromium = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String chromedriver = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1600,1000",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // for assertNoPageErrors
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).build();
        browser = new ChromeDriver(service, options);
        // Credentials in the URL answer the server's BASIC challenge, as the sign-in dialog of a browser would.
        browser.get(console.baseWithCredentials(user));
        waitUntil(() -> !browser.findElements(By.cssSelector("#resources tbody tr")).isEmpty());
    }

    private WebElement row(String resource) {
        return browser.findElement(By.cssSelector("#resources tr[data-resource='" + resource + "']"));
    }

    private static WebElement cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td." + column));
    }

    private static By historyRow(String resource, String change) {
        return By.cssSelector("#history tr[data-resource='" + resource + "'][data-change='" + change + "']");
    }

    /** Reads the page, again if what was read was replaced meanwhile (the page updates itself every two seconds). */
    private <T> T read(Supplier<T> what) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
                .until(driver -> what.get());
    }

    private WebElement awaitNotice() {
        waitUntil(() -> browser.findElement(By.id("notice")).isDisplayed());
        return browser.findElement(By.id("notice"));
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Waits for the page, which updates itself every two seconds; what was replaced meanwhile is looked up again. */
    private void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(driver -> condition.getAsBoolean());
    }

    /**
     * The page ran without a script error or a Content-Security-Policy violation. A request the server refused is
     * logged too ("Failed to load resource: ... 403"): that one is expected where a viewer tries to refresh.
     */
    private void assertNoPageErrors() {
        List<String> errors = severeLogEntries().stream().filter(message -> !message.contains(REFUSED)).toList();
        assertEquals(List.of(), errors, "errors in the page's console");
    }

    /** The browser's log entries of level SEVERE so far (reading the browser's log empties it). */
    private List<String> severeLogEntries() {
        logged.addAll(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList());
        return List.copyOf(logged);
    }

    private void screenshot() throws IOException {
        Path target = Path.of(System.getProperty("console.screenshot", "target/console.png"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
