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

import jakarta.json.JsonObject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample WAR on a running Open Liberty, over HTTP, as an operator uses it: it boots on the default url the build
 * put into the watched folder, takes orders, moves to another database whenever a url file is written there without
 * a failed order, answers a detached or failing database with a 503 problem logged on one line, and never shows a
 * password. The default build swaps between H2 databases; the ci-services profile adds the machine's PostgreSQL and
 * MariaDB through every URL form the README lists.
 * <p>
 * The tests run in order against one server; each leaves orders-db attached to the default url.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrdersServiceIT {

    static final String BASE = "http://127.0.0.1:" + System.getProperty("sample.http.port", "9089");
    static final Path CONFIG_DIR = Path.of(System.getProperty("sample.config.dir", "target/attached-config"));
    static final Path URL_FILE = CONFIG_DIR.resolve("attached.orders-db.url");
    static final boolean MACHINE_SERVICES = Boolean.getBoolean("attached.services");
    static final String DEFAULT_URL = "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1";
    static final String DEFAULT_LOCATION = "jdbc:h2:mem:orders";

    /** Passwords that must never come back in a response or a log line. */
    static final String H2_CANARY = "canary-h2-" + UUID.randomUUID();
    static final String WRONG_CANARY = "canary-wrong-" + UUID.randomUUID();
    static final String MARIADB_CANARY = "canary-mariadb-" + UUID.randomUUID().toString().replace("-", "");

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
        assertEquals(1, db.getJsonObject("data").getInt("generation"));
        JsonObject mailer = SAMPLE.readiness("mailer");
        assertEquals("UP", mailer.getString("status"), "an optional relay that is not attached keeps it ready");
        assertEquals("DETACHED", mailer.getJsonObject("data").getString("state"));
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
        System.out.printf("sample swaps on Open Liberty: %d orders placed under load, 0 failed; per database %s%n",
                placed, counts);
    }

    @Test
    @Order(3)
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
    @Order(4)
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
    @Order(5)
    void unknownNamesAndBadRequestsAreProblemsWithTheirStatus() throws Exception {
        JsonObject refresh = assertProblem(SAMPLE.post("/api/resources/payments-db/refresh", ""), 404);
        assertEquals("tag:attached.dev,2026:sample/unknown-resource", refresh.getString("type"));
        assertEquals("no attached resource is named 'payments-db'; the resources are mailer, orders-db",
                refresh.getString("detail"));
        assertEquals(404, assertProblem(SAMPLE.get("/api/resources/payments-db"), 404).getInt("status"));
        assertEquals("the database attached now has no order 987654321",
                assertProblem(SAMPLE.post("/api/orders/987654321/confirmation", ""), 404).getString("detail"));
        assertEquals("about:blank", assertProblem(SAMPLE.get("/api/no-such-path"), 404).getString("type"));
        assertEquals("item is required", assertProblem(SAMPLE.post("/api/orders", "{}"), 400).getString("detail"));
        assertEquals(400, assertProblem(SAMPLE.post("/api/orders", "{not json"), 400).getInt("status"));
        assertEquals("orders-db", SAMPLE.ordersDb().getString("name"), "a known name still answers");
    }

    @Test
    @Order(6)
    void aDatabaseThatFailsIsA503ProblemThatSaysWhyWithoutItsPassword() throws Exception {
        // H2 with a password in its url; then a swap to the same database with a wrong one, which must fail
        attach("jdbc:h2:mem:canary;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=" + H2_CANARY, "jdbc:h2:mem:canary");
        assertEquals(201, SAMPLE.placeOrder("with-a-password").status());
        long generation = ordersDb().getJsonNumber("generation").longValue();
        writeAtomically(URL_FILE, "jdbc:h2:mem:canary;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=" + WRONG_CANARY);
        await().atMost(30, SECONDS).until(() -> ordersDb().containsKey("last-swap-error"));
        assertEquals(generation, ordersDb().getJsonNumber("generation").longValue(), "the old one serves");
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
    @Order(7)
    void noResponseAndNoLogFileShowsAPassword() throws IOException {
        String logs = LOG.everything();
        List<String> bodies = SAMPLE.bodies();
        assertTrue(bodies.size() > 100, "the checks above ran: " + bodies.size() + " responses");
        for (String canary : List.of(H2_CANARY, WRONG_CANARY, MARIADB_CANARY)) {
            assertFalse(logs.contains(canary), "a password in the server's logs");
            assertTrue(bodies.stream().noneMatch(body -> body.contains(canary)), "a password in a response");
        }
    }

    /** A database on the route: its url, the location readiness shows, and how to count its orders directly. */
    record Database(String url, String location, Counter counter) {
    }

    /** Counts a database's orders without the sample. */
    interface Counter {
        long count() throws Exception;
    }

    /**
     * Writes the url and waits until the sample serves from it. A swap whose probe missed its timeout (other builds
     * can load this machine far beyond its 2 cores) is tried again as an operator would, with a refresh.
     */
    private static void attach(String url, String location) throws Exception {
        long generation = ordersDb().getJsonNumber("generation").longValue();
        writeAtomically(URL_FILE, url);
        await().atMost(120, SECONDS).until(() -> {
            JsonObject db = ordersDb();
            if (db.getJsonNumber("generation").longValue() > generation && "ATTACHED".equals(db.getString("state"))
                    && location.equals(db.getString("location"))) {
                return true;
            }
            String error = db.getString("last-swap-error", "");
            if (error.contains("no answer within") || error.contains("Acquisition timeout")) {
                System.out.println("retrying a swap to " + location + " that timed out: " + error);
                SAMPLE.post("/api/resources/orders-db/refresh", "");
            }
            return false;
        });
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
