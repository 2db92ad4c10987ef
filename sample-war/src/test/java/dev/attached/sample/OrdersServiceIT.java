package dev.attached.sample;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample WAR on a running Open Liberty, over HTTP, as an operator uses it: it boots on the defaults the build put
 * into the watched folder (an in-memory database, the sample's own stub shipping API), takes orders, moves to another
 * database or another shipping API whenever files are written there without a failed order, answers a detached or
 * failing database or API with a 503 problem logged on one line, and never shows a password or a key. The default
 * build swaps between H2 databases; the ci-services profile adds the machine's PostgreSQL and MariaDB through every
 * URL form the README lists.
 * <p>
 * The tests run in order against one server; each leaves orders-db and shipping-api attached to their defaults.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrdersServiceIT {

    /** Where the sample runs: the server runners in tck-runners run this test on theirs. */
    static final String SERVER = System.getProperty("sample.server", "Open Liberty");
    static final String BASE = "http://127.0.0.1:" + System.getProperty("sample.http.port", "9089");
    static final Path CONFIG_DIR = Path.of(System.getProperty("sample.config.dir", "target/it-attached-config"));
    static final Path URL_FILE = CONFIG_DIR.resolve("attached.orders-db.url");
    static final boolean MACHINE_SERVICES = Boolean.getBoolean("attached.services");
    static final String DEFAULT_URL = "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1";
    static final String DEFAULT_LOCATION = "jdbc:h2:mem:orders";
    static final Path SHIPPING_URL_FILE = CONFIG_DIR.resolve("attached.shipping-api.url");
    static final Path SHIPPING_TOKEN_FILE = CONFIG_DIR.resolve("attached.shipping-api.bearer-token");
    static final String STUB_LOCATION = BASE + "/api/stub/shipping";
    /** The stub's key (microprofile-config.properties), which the default token file holds: not a secret, not shown. */
    static final String STUB_KEY = "stub-key-4b1d9e27";

    /** Passwords that must never come back in a response or a log line. */
    static final String H2_CANARY = "canary-h2-" + UUID.randomUUID();
    static final String WRONG_CANARY = "canary-wrong-" + UUID.randomUUID();
    static final String MARIADB_CANARY = "canary-mariadb-" + UUID.randomUUID().toString().replace("-", "");
    static final String SHIPPING_CANARY = "canary-shipping-" + UUID.randomUUID();

    static final SampleClient SAMPLE = new SampleClient(BASE);
    static final ServerLog LOG = new ServerLog(Path.of(System.getProperty("sample.server.log",
            "target/liberty/wlp/usr/servers/attached-sample/logs/messages.log")));
    static final MachineDatabases MACHINE = new MachineDatabases(MARIADB_CANARY);

    @Test
    @Order(1)
    void bootsOnTheDefaultUrlTheBuildPutIntoTheWatchedFolder() throws Exception {
        assertEquals(DEFAULT_URL, Files.readString(URL_FILE).strip(), "the build made the folder and its default");
        // the first probe opens the first connection of a cold server: on a busy machine it may miss its timeout
        await().atMost(60, SECONDS).until(() -> "UP".equals(SAMPLE.get("/health/ready").json().getString("status")));
        JsonObject db = SAMPLE.readiness("orders-db");
        assertEquals(DEFAULT_LOCATION, db.getJsonObject("data").getString("location"));
        assertEquals(1, SampleClient.number(db.getJsonObject("data"), "generation"));
        JsonObject mailer = SAMPLE.readiness("mailer");
        assertEquals("UP", mailer.getString("status"), "an optional relay that is not attached keeps it ready");
        assertEquals("DETACHED", mailer.getJsonObject("data").getString("state"));

        assertEquals(STUB_LOCATION, Files.readString(SHIPPING_URL_FILE).strip(), "the stub, on this server's port");
        assertEquals(STUB_KEY, Files.readString(SHIPPING_TOKEN_FILE).strip());
        JsonObject shipping = SAMPLE.readiness("shipping-api");
        assertEquals("UP", shipping.getString("status"), shipping.toString());
        assertEquals(STUB_LOCATION, shipping.getJsonObject("data").getString("location"));
        assertEquals("rest-client", shipping.getJsonObject("data").getString("kind"));
        assertEquals(1, SampleClient.number(shipping.getJsonObject("data"), "generation"));
        SampleClient.Reply placed = SAMPLE.placeOrder("first");
        assertEquals(201, placed.status(), placed.body());
        JsonObject quote = placed.json().getJsonObject("shipping");
        assertEquals(ShippingStub.CARRIER, quote.getString("carrier"), placed.body());
        assertEquals(595, quote.getInt("priceCents"), "1 kg by default: 4.95 + 1.00");
    }

    @Test
    @Order(2)
    void swapsThroughEveryDatabaseItShipsADriverForUnderLoadWithoutAFailedOrder() throws Exception {
        List<Database> route = new ArrayList<>();
        if (MACHINE_SERVICES) {
            MACHINE.prepare("attached_sample_mysql", "attached_sample_mariadb", "attached_sample_jdbc",
                    "attached_sample_fail");
            String user = MachineDatabases.MARIADB_USER + ":" + MARIADB_CANARY;
            route.add(new Database("postgres://postgres@127.0.0.1:5432/attached_sample",
                    "postgres://127.0.0.1:5432/attached_sample", MACHINE::countInPostgres));
            route.add(new Database("mysql://" + user + "@127.0.0.1:3306/attached_sample_mysql",
                    "mysql://127.0.0.1:3306/attached_sample_mysql",
                    () -> MACHINE.countInMariadb("attached_sample_mysql")));
            route.add(new Database("mariadb://" + user + "@127.0.0.1:3306/attached_sample_mariadb",
                    "mariadb://127.0.0.1:3306/attached_sample_mariadb",
                    () -> MACHINE.countInMariadb("attached_sample_mariadb")));
            route.add(new Database("jdbc:mariadb://127.0.0.1:3306/attached_sample_jdbc?user="
                    + MachineDatabases.MARIADB_USER + "&password=" + MARIADB_CANARY,
                    "jdbc:mariadb://127.0.0.1:3306/attached_sample_jdbc",
                    () -> MACHINE.countInMariadb("attached_sample_jdbc")));
        }
        route.add(new Database("jdbc:h2:mem:orders-b;DB_CLOSE_DELAY=-1", "jdbc:h2:mem:orders-b", null));
        if (!MACHINE_SERVICES) {
            route.add(new Database("jdbc:h2:mem:orders-c;DB_CLOSE_DELAY=-1", "jdbc:h2:mem:orders-c", null));
        }
        Database home = new Database(DEFAULT_URL, DEFAULT_LOCATION, null);
        route.add(home);

        long before = SAMPLE.get("/api/orders").json().getJsonNumber("count").longValue();
        int placed;
        List<String> failures;
        try (OrderLoad load = new OrderLoad(SAMPLE, 2)) {
            await().atMost(30, SECONDS).until(() -> load.placed() >= 20);
            for (Database next : route) {
                attach(next.url(), next.location());
                int placedAtSwap = load.placed();
                await().atMost(30, SECONDS).until(() -> load.placed() >= placedAtSwap + 20);
            }
            load.close();
            placed = load.placed();
            failures = load.failures();
        }
        assertEquals(List.of(), failures, "no order failed across " + route.size() + " swaps");

        // Every order is in exactly one database: count each, the in-memory ones by swapping back to them.
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(home.location(), SAMPLE.get("/api/orders").json().getJsonNumber("count").longValue());
        for (Database db : route) {
            if (db.counter() != null) {
                counts.put(db.location(), db.counter().count());
            }
        }
        for (Database db : route) {
            if (db.counter() == null && !db.equals(home)) {
                attach(db.url(), db.location());
                counts.put(db.location(), SAMPLE.get("/api/orders").json().getJsonNumber("count").longValue());
            }
        }
        attach(home.url(), home.location());
        counts.forEach((location, count) -> assertTrue(count > 0, "orders reached " + location + ": " + counts));
        assertEquals(before + placed, counts.values().stream().mapToLong(Long::longValue).sum(),
                "each order placed is in one database, none lost, none twice: " + counts);
        System.out.printf("sample swaps on %s: %d orders placed under load, 0 failed; per database %s%n",
                SERVER, placed, counts);
    }

    @Test
    @Order(3)
    void swapsTheShippingApiToAnotherProviderUnderLoadByWritingItsUrlAndToken() throws Exception {
        assertEquals(401, SAMPLE.post("/api/stub/shipping/quotes", "{\"weightGrams\":1000}").status(),
                "the stub checks its key");
        String stubUrl = Files.readString(SHIPPING_URL_FILE).strip();
        try (ShippingServer second = new ShippingServer(SHIPPING_CANARY, 0)) {
            String secondLocation = second.base().toString();
            AtomicLong written = new AtomicLong();
            long swapped;
            int placed;
            List<String> failures;
            List<OrderLoad.Quote> quotes;
            try (OrderLoad load = new OrderLoad(SAMPLE, 2)) {
                await().atMost(60, SECONDS).until(() -> load.placed() >= 20);
                attach(ShippingQuotes.RESOURCE, secondLocation, () -> {
                    written.set(System.nanoTime());
                    writeAtomically(SHIPPING_TOKEN_FILE, SHIPPING_CANARY);
                    writeAtomically(SHIPPING_URL_FILE, secondLocation);
                });
                swapped = System.nanoTime();
                int placedAtSwap = load.placed();
                await().atMost(60, SECONDS).until(() -> load.placed() >= placedAtSwap + 20);
                load.close();
                placed = load.placed();
                failures = load.failures();
                quotes = load.quotes();
            }
            assertEquals(List.of(), failures, "no order failed across the swap of the shipping API");
            JsonObject readiness = SAMPLE.readiness(ShippingQuotes.RESOURCE);
            assertEquals("UP", readiness.getString("status"), readiness.toString());
            assertEquals(2, SampleClient.number(readiness.getJsonObject("data"), "generation"), readiness.toString());
            assertEquals(secondLocation, readiness.getJsonObject("data").getString("location"));

            // Each client's quotes come from the stub, then from the second API, never back; every quote answered
            // before the files were written is the stub's, every one asked after the swap was seen the second's.
            Map<Integer, List<String>> perClient = quotes.stream().collect(Collectors.groupingBy(
                    OrderLoad.Quote::client, Collectors.mapping(OrderLoad.Quote::carrier, Collectors.toList())));
            for (List<String> carriers : perClient.values()) {
                int firstSecond = carriers.indexOf(ShippingServer.CARRIER);
                assertTrue(firstSecond > 0, "each client had quotes of both: " + carriers);
                assertTrue(carriers.subList(0, firstSecond).stream().allMatch(ShippingStub.CARRIER::equals)
                        && carriers.subList(firstSecond, carriers.size()).stream()
                                .allMatch(ShippingServer.CARRIER::equals),
                        "stub, then second: " + carriers);
            }
            assertTrue(quotes.stream().filter(q -> q.answered() < written.get())
                    .allMatch(q -> ShippingStub.CARRIER.equals(q.carrier())));
            assertTrue(quotes.stream().filter(q -> q.sent() > swapped)
                    .allMatch(q -> ShippingServer.CARRIER.equals(q.carrier())));
            Map<String, Long> perCarrier = quotes.stream()
                    .collect(Collectors.groupingBy(OrderLoad.Quote::carrier, Collectors.counting()));
            assertEquals(placed, quotes.size());
            assertEquals(second.quoted(), perCarrier.getOrDefault(ShippingServer.CARRIER, 0L).longValue(),
                    "every quote the second API gave reached an order, once");
            assertEquals(0, second.refused(), "the second API never got a call without its key or with another");
            long firstSecond = quotes.stream().filter(q -> ShippingServer.CARRIER.equals(q.carrier()))
                    .mapToLong(OrderLoad.Quote::answered).min().orElseThrow();
            System.out.printf("shipping-api swap on %s: %d orders placed under load, %d failed; quotes per "
                    + "carrier %s; first 'second' quote %d ms after the files were written, readiness at generation "
                    + "2 after %d ms%n", SERVER, placed, failures.size(), perCarrier,
                    (firstSecond - written.get()) / 1_000_000, (swapped - written.get()) / 1_000_000);

            // An API that fails: the order is a 503 problem naming it, logged on one line, and is not taken.
            long count = SAMPLE.get("/api/orders").json().getJsonNumber("count").longValue();
            second.failQuotes(true);
            long mark = LOG.mark();
            List<String> instances = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                instances.add(assertUnavailable(SAMPLE.placeOrder("while-quotes-fail-" + i), "shipping-api",
                        "POST quotes answered 503 Service Unavailable"));
            }
            assertOneLineEach(mark, instances, "503 POST /api/orders ");
            assertEquals(count, SAMPLE.get("/api/orders").json().getJsonNumber("count").longValue(),
                    "an order without a quote is not taken");
            second.failQuotes(false);

            // Detached by deleting its url: the same problem, with Attached's reason.
            Files.delete(SHIPPING_URL_FILE);
            await().atMost(30, SECONDS).until(() -> "DETACHED".equals(
                    SAMPLE.readiness(ShippingQuotes.RESOURCE).getJsonObject("data").getString("state")));
            assertUnavailable(SAMPLE.placeOrder("while-shipping-detached"), "shipping-api",
                    "ATTACHED-106: resource 'shipping-api' is detached: set attached.shipping-api.url to attach it");

            attach(ShippingQuotes.RESOURCE, STUB_LOCATION, () -> {
                writeAtomically(SHIPPING_TOKEN_FILE, STUB_KEY);
                writeAtomically(SHIPPING_URL_FILE, stubUrl);
            });
            SampleClient.Reply back = SAMPLE.placeOrder("back-on-the-stub");
            assertEquals(ShippingStub.CARRIER, back.json().getJsonObject("shipping").getString("carrier"), back.body());
        }
    }

    @Test
    @Order(4)
    void aDetachedDatabaseIsA503ProblemLoggedOnOneLinePerRequest() throws Exception {
        Files.delete(URL_FILE); // the documented detach
        await().atMost(30, SECONDS).until(() -> "DETACHED".equals(ordersDb().getString("state")));
        assertEquals("DOWN", SAMPLE.readiness("orders-db").getString("status"));

        long mark = LOG.mark();
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            instances.add(assertUnavailable(SAMPLE.placeOrder("while-detached-" + i), "orders-db",
                    "ATTACHED-106: resource 'orders-db' is detached: set attached.orders-db.url to attach it"));
        }
        instances.add(assertUnavailable(SAMPLE.get("/api/orders"), "orders-db", "attached.orders-db.url"));
        assertOneLineEach(mark, instances, "503 POST /api/orders ");

        attach(DEFAULT_URL, DEFAULT_LOCATION);
        assertEquals(201, SAMPLE.placeOrder("after-reattach").status());
    }

    @Test
    @Order(5)
    void aMailerThatFailsDoesNotFailTheOrderAndSendingAgainIsA503Problem() throws Exception {
        SampleClient.Reply placed = SAMPLE.placeOrder("with-detached-mailer");
        assertEquals(201, placed.status(), placed.body());
        assertFalse(placed.json().getBoolean("confirmationSent"), "no relay attached, no confirmation");
        long id = placed.json().getJsonObject("order").getJsonNumber("id").longValue();

        long mark = LOG.mark();
        String instance = assertUnavailable(SAMPLE.post("/api/orders/" + id + "/confirmation", ""), "mailer",
                "attached.mailer.url");
        assertOneLineEach(mark, List.of(instance), "503 POST /api/orders/" + id + "/confirmation ");
    }

    @Test
    @Order(6)
    void unknownNamesAndBadRequestsAreProblemsWithTheirStatus() throws Exception {
        JsonObject unknown = assertProblem(SAMPLE.get("/api/resources/payments-db"), 404);
        assertEquals("tag:attached.dev,2026:sample/unknown-resource", unknown.getString("type"));
        assertEquals("no attached resource is named 'payments-db'; the resources are mailer, orders-db, shipping-api",
                unknown.getString("detail"));
        // A refresh is the status page's, for its operator role only: the sample's own API has none open to anybody.
        assertEquals("about:blank",
                assertProblem(SAMPLE.post("/api/resources/orders-db/refresh", ""), 404).getString("type"));
        assertEquals("the database attached now has no order 987654321",
                assertProblem(SAMPLE.post("/api/orders/987654321/confirmation", ""), 404).getString("detail"));
        assertEquals("about:blank", assertProblem(SAMPLE.get("/api/no-such-path"), 404).getString("type"));
        assertEquals("item is required", assertProblem(SAMPLE.post("/api/orders", "{}"), 400).getString("detail"));
        assertEquals(400, assertProblem(SAMPLE.post("/api/orders", "{not json"), 400).getInt("status"));
        assertEquals("weightGrams must be between 1 and 50000", assertProblem(SAMPLE.post("/api/orders",
                "{\"item\":\"anvil\",\"weightGrams\":50001}"), 400).getString("detail"));
        assertEquals("orders-db", SAMPLE.ordersDb().getString("name"), "a known name still answers");
    }

    @Test
    @Order(7)
    void aDatabaseThatFailsIsA503ProblemThatSaysWhyWithoutItsPassword() throws Exception {
        // H2 with a password in its url; then a swap to the same database with a wrong one, which must fail
        attach("jdbc:h2:mem:canary;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=" + H2_CANARY, "jdbc:h2:mem:canary");
        assertEquals(201, SAMPLE.placeOrder("with-a-password").status());
        long generation = SampleClient.number(ordersDb(), "generation");
        writeAtomically(URL_FILE, "jdbc:h2:mem:canary;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=" + WRONG_CANARY);
        await().atMost(30, SECONDS).until(() -> ordersDb().containsKey("last-swap-error"));
        assertEquals(generation, SampleClient.number(ordersDb(), "generation"), "the old one serves");
        JsonObject status = SAMPLE.ordersDb();
        assertFalse(status.getString("lastError", "").isBlank(), "the operator API says why: " + status);
        assertEquals(201, SAMPLE.placeOrder("after-a-failed-swap").status());

        if (MACHINE_SERVICES) {
            attach("mariadb://" + MachineDatabases.MARIADB_USER + ":" + MARIADB_CANARY
                    + "@127.0.0.1:3306/attached_sample_fail", "mariadb://127.0.0.1:3306/attached_sample_fail");
            assertEquals(201, SAMPLE.placeOrder("on-mariadb").status());
            MACHINE.cutOff();
            try {
                long mark = LOG.mark();
                List<String> instances = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    instances.add(assertUnavailable(SAMPLE.placeOrder("cut-off-" + i), "orders-db", ""));
                }
                assertOneLineEach(mark, instances, "503 POST /api/orders ");
            } finally {
                MACHINE.restore();
            }
        }
        attach(DEFAULT_URL, DEFAULT_LOCATION);
    }

    @Test
    @Order(8)
    void noResponseAndNoLogFileShowsAPassword() throws IOException {
        String logs = LOG.everything();
        List<String> bodies = SAMPLE.bodies();
        assertTrue(bodies.size() > 100, "the checks above ran: " + bodies.size() + " responses");
        for (String canary : List.of(H2_CANARY, WRONG_CANARY, MARIADB_CANARY, SHIPPING_CANARY, STUB_KEY)) {
            assertFalse(logs.contains(canary), "a password or key in the server's logs");
            assertTrue(bodies.stream().noneMatch(body -> body.contains(canary)), "a password or key in a response");
        }
    }

    /** A database on the route: its url, the location readiness shows, and how to count its orders directly. */
    record Database(String url, String location, Counter counter) {
    }

    /** Counts a database's orders without the sample. */
    interface Counter {
        long count() throws Exception;
    }

    /** Files written into the watched folder. */
    interface Writes {
        void run() throws IOException;
    }

    /** Writes orders-db's url and waits until the sample serves from it. */
    private static void attach(String url, String location) throws Exception {
        attach(OrderRepository.RESOURCE, location, () -> writeAtomically(URL_FILE, url));
    }

    /**
     * Writes a resource's files and waits until the sample serves from the new location. A swap whose probe missed
     * its timeout (other builds can load this machine far beyond its 2 cores) is tried again through the folder
     * alone, so that no server needs users for this test: the resource's files are put back as they were, which
     * settles it on what it serves (the failed swap's error goes), and written again. (An operator would press
     * Refresh on the status page, which needs the role attached-operator.)
     */
    private static void attach(String resource, String location, Writes writes) throws Exception {
        long generation = SampleClient.number(SAMPLE.readiness(resource).getJsonObject("data"), "generation");
        Map<Path, String> before = filesOf(resource);
        for (int attempt = 1;; attempt++) {
            writes.run();
            JsonObject data = await().atMost(120, SECONDS).until(
                    () -> SAMPLE.readiness(resource).getJsonObject("data"),
                    d -> swappedTo(d, generation, location) || timedOut(d));
            if (swappedTo(data, generation, location)) {
                return;
            }
            assertTrue(attempt < 3, "a swap of " + resource + " to " + location + " timed out 3 times: " + data);
            System.out.println("retrying a swap of " + resource + " to " + location + " that timed out: "
                    + data.getString("last-swap-error"));
            restore(resource, before);
            await().atMost(60, SECONDS)
                    .until(() -> !SAMPLE.readiness(resource).getJsonObject("data").containsKey("last-swap-error"));
        }
    }

    private static boolean swappedTo(JsonObject data, long generation, String location) {
        return SampleClient.number(data, "generation") > generation && "ATTACHED".equals(data.getString("state"))
                && location.equals(data.getString("location"));
    }

    private static boolean timedOut(JsonObject data) {
        String error = data.getString("last-swap-error", "");
        return error.contains("no answer within") || error.contains("Acquisition timeout");
    }

    /** The watched folder's files of a resource ({@code attached.<name>.*}) and what they hold. */
    private static Map<Path, String> filesOf(String resource) throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        try (var listing = Files.list(CONFIG_DIR)) {
            for (Path file : listing.filter(f -> f.getFileName().toString().startsWith("attached." + resource + "."))
                    .sorted().toList()) {
                files.put(file, Files.readString(file));
            }
        }
        return files;
    }

    /** Puts a resource's files back as {@link #filesOf(String)} read them. */
    private static void restore(String resource, Map<Path, String> files) throws IOException {
        for (Path now : filesOf(resource).keySet()) {
            if (!files.containsKey(now)) {
                Files.delete(now);
            }
        }
        for (Map.Entry<Path, String> file : files.entrySet()) {
            writeAtomically(file.getKey(), file.getValue());
        }
    }

    /** The data of orders-db's readiness check: generation, state, location, last-swap-error. */
    private static JsonObject ordersDb() throws IOException, InterruptedException {
        return SAMPLE.readiness("orders-db").getJsonObject("data");
    }

    /** A 503 problem that names the resource and says why; returns its instance. */
    private static String assertUnavailable(SampleClient.Reply reply, String resource, String why) {
        JsonObject problem = assertProblem(reply, 503);
        assertEquals("tag:attached.dev,2026:sample/resource-unavailable", problem.getString("type"));
        assertEquals("A backing service is unavailable", problem.getString("title"));
        String detail = problem.getString("detail");
        assertTrue(detail.startsWith(resource + " is unavailable: ") && detail.contains(why), detail);
        assertTrue(detail.length() > (resource + " is unavailable: ").length(), "says why: " + detail);
        return problem.getString("instance");
    }

    private static JsonObject assertProblem(SampleClient.Reply reply, int status) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.type(), reply.body());
        JsonObject problem = reply.json();
        assertEquals(status, problem.getInt("status"), reply.body());
        for (String member : List.of("type", "title", "detail", "instance")) {
            assertFalse(problem.getString(member).isBlank(), member + " in " + reply.body());
        }
        assertTrue(problem.getString("instance").startsWith("urn:uuid:"), reply.body());
        return problem;
    }

    /** Each failed request is one line of the server log, naming its instance, and no stack trace is written. */
    private static void assertOneLineEach(long mark, List<String> instances, String requestLine) throws Exception {
        await().atMost(30, SECONDS).until(() -> {
            String written = String.join("\n", LOG.linesSince(mark));
            return instances.stream().allMatch(written::contains);
        });
        List<String> lines = LOG.linesSince(mark);
        for (String instance : instances) {
            assertEquals(1, lines.stream().filter(l -> l.contains(instance)).count(), instance + " in " + lines);
        }
        assertTrue(lines.stream().noneMatch(l -> l.matches("\\s+at \\S.*") || l.contains("RESTEASY")),
                "no stack trace: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains(requestLine)), requestLine + " in " + lines);
    }

    /** Writes a key the way a config-map update lands: whole, in one rename. */
    private static void writeAtomically(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.writeString(file.resolveSibling(".tmp-" + file.getFileName()), value);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
