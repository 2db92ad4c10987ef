package dev.attached.sample;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The running sample's status page (attached-console at {@code /attached/}, on the Open Liberty server of the
 * integration tests, with the users and roles of the sample's server.xml) in headless Chromium: a viewer sees
 * orders-db and a swap made by writing the watched file appears on the page without a reload; a viewer's Refresh is
 * refused; an operator's works. Saves a screenshot of the page. Runs with {@code -Pbrowser}, after
 * {@link OrdersServiceIT} (which expects the server's first generations), and leaves orders-db on its default.
 * <p>
 * The browser is found as attached-console's own browser test finds it: Debian's {@code chromium} and
 * {@code chromium-driver} unless {@code -Dchromium.binary} and {@code -Dchromedriver.binary} say otherwise.
 */
@EnabledIfSystemProperty(named = "attached.browser", matches = "true", disabledReason = "needs headless Chromium: mvn verify -Pbrowser")
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageBrowserIT {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String SWAPPED_URL = "jdbc:h2:mem:orders-console;DB_CLOSE_DELAY=-1";
    static final String SWAPPED_LOCATION = "jdbc:h2:mem:orders-console";

    /** A user of the sample's basic registry; the passwords are the server's (the pom gives both the same). */
    record User(String name, String password) {

        static final User VIEWER = new User("viewer", System.getProperty("sample.viewer.password", "viewer-pw"));
        static final User OPERATOR = new User("operator",
                System.getProperty("sample.operator.password", "operator-pw"));

        String authorization() {
            return "Basic " + Base64.getEncoder()
                    .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long swappedGeneration;

    private ChromeDriver browser;
    private Path profile;

    @AfterEach
    void closeTheBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** orders-db back on its default, as every test of the sample leaves it. */
    @AfterAll
    static void attachTheDefaultAgain() throws Exception {
        writeAtomically(OrdersServiceIT.URL_FILE, OrdersServiceIT.DEFAULT_URL);
        await().atMost(120, SECONDS).until(() -> OrdersServiceIT.DEFAULT_LOCATION
                .equals(OrdersServiceIT.SAMPLE.readiness("orders-db").getJsonObject("data").getString("location")));
    }

    @Test
    @Order(1)
    void aViewerSeesOrdersDbAndASwapMadeByWritingTheWatchedFileWithoutAReload() throws Exception {
        // the page shows the last probe: ask for one, as Kubernetes does, and place an order for the history
        OrdersServiceIT.SAMPLE.get("/health/ready");
        assertEquals(201, OrdersServiceIT.SAMPLE.placeOrder("seen-on-the-status-page").status());
        open(User.VIEWER);
        assertEquals("datasource", read(() -> cell(row("orders-db"), "name").findElement(By.className("kind"))
                .getText()));
        assertEquals(OrdersServiceIT.DEFAULT_LOCATION, read(() -> cell(row("orders-db"), "location").getText()));
        assertEquals("ATTACHED", read(() -> cell(row("orders-db"), "state").findElement(By.className("badge"))
                .getText()));
        waitUntil(() -> cell(row("orders-db"), "readiness").getText().contains("UP"));
        long generation = read(() -> Long.parseLong(cell(row("orders-db"), "generation").getText()));
        script("window.sampleTestMarker = 'the same page'");

        writeAtomically(OrdersServiceIT.URL_FILE, SWAPPED_URL); // the README's swap, as an operator makes it

        waitUntil(() -> cell(row("orders-db"), "generation").getText().equals(String.valueOf(generation + 1)));
        assertEquals(SWAPPED_LOCATION, read(() -> cell(row("orders-db"), "location").getText()));
        waitUntil(() -> !browser.findElements(historyRow("orders-db", "swapped")).isEmpty());
        String newest = read(() -> browser.findElement(historyRow("orders-db", "swapped")).getText());
        assertTrue(newest.contains(SWAPPED_LOCATION) && newest.contains(OrdersServiceIT.DEFAULT_LOCATION), newest);
        waitUntil(() -> !cell(row("orders-db"), "last-swap").getText().isBlank());
        assertTrue(read(() -> cell(row("orders-db"), "last-swap").getText()).contains(String.valueOf(generation + 1)));
        assertEquals("the same page", script("return window.sampleTestMarker"), "the page was not reloaded");
        swappedGeneration = generation + 1;
    }

    @Test
    @Order(2)
    void aViewersRefreshIsRefused() throws Exception {
        open(User.VIEWER);

        row("orders-db").findElement(By.cssSelector("button.refresh")).click();

        WebElement notice = awaitNotice();
        assertEquals("refused", notice.getAttribute("data-outcome"));
        assertTrue(notice.getText().contains("403"), notice.getText());
        // the same over HTTP: somebody not signed in is asked to, a viewer is refused
        assertEquals(401, refresh(null).statusCode());
        assertEquals(403, refresh(User.VIEWER).statusCode());
    }

    @Test
    @Order(3)
    void anOperatorsRefreshWorks() throws Exception {
        open(User.OPERATOR);
        waitUntil(() -> cell(row("orders-db"), "generation").getText().equals(String.valueOf(swappedGeneration)));

        row("orders-db").findElement(By.cssSelector("button.refresh")).click();

        WebElement notice = awaitNotice();
        assertEquals("ok", notice.getAttribute("data-outcome"), notice.getText());
        assertEquals("orders-db refreshed: generation " + swappedGeneration + ", ATTACHED", notice.getText());
        OrdersServiceIT.SAMPLE.get("/health/ready"); // a probe of the new generation, for the screenshot
        waitUntil(() -> !cell(row("orders-db"), "readiness").getText().contains("probe of gen."));
        screenshot();
    }

    private void open(User user) throws IOException {
        profile = Files.createTempDirectory("sample-chromium-");
        String chromium = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String chromedriver = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1600,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).build();
        browser = new ChromeDriver(service, options);
        // Credentials in the URL answer the server's BASIC challenge, as the sign-in dialog of a browser would.
        URI base = URI.create(OrdersServiceIT.BASE);
        browser.get(base.getScheme() + "://" + user.name() + ":" + user.password() + "@" + base.getAuthority()
                + "/attached/");
        waitUntil(() -> !browser.findElements(By.cssSelector("#resources tbody tr")).isEmpty());
    }

    private static HttpResponse<String> refresh(User user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest
                .newBuilder(URI.create(OrdersServiceIT.BASE + "/attached/api/resources/orders-db/refresh"))
                .header("X-Requested-By", "sample-it").POST(HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", user.authorization());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    private void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(driver -> condition.getAsBoolean());
    }

    private WebElement awaitNotice() {
        waitUntil(() -> browser.findElement(By.id("notice")).isDisplayed());
        return browser.findElement(By.id("notice"));
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void screenshot() throws IOException {
        Path target = Path.of(System.getProperty("sample.screenshot", "target/sample-console.png"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeAtomically(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.writeString(file.resolveSibling(".tmp-" + file.getFileName()), value);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
