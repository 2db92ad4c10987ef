package dev.attached.sample;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * The sample WAR on a running Open Liberty, over HTTP: it boots on its embedded defaults and is ready, takes orders,
 * and moves to another database when a url file is written into the watched config directory, without a failed
 * request. In the ci-services profile the new database is the machine's PostgreSQL.
 */
class OrdersServiceIT {

    static final String BASE = "http://127.0.0.1:" + System.getProperty("sample.http.port", "9089");
    static final Path CONFIG_DIR = Path.of(System.getProperty("sample.config.dir", "target/attached-config"));
    static final boolean MACHINE_POSTGRES = Boolean.getBoolean("attached.services");

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bootsOnEmbeddedDefaultsTakesOrdersAndSwapsItsDatabaseLive() throws Exception {
        JsonObject ready = get("/health/ready");
        assertEquals("UP", ready.getString("status"), ready.toString());
        JsonObject db = check(ready, "orders-db");
        assertEquals("UP", db.getString("status"));
        assertEquals("jdbc:h2:mem:orders", db.getJsonObject("data").getString("location"));
        assertEquals(1, db.getJsonObject("data").getInt("generation"));
        JsonObject mailer = check(ready, "mailer");
        assertEquals("UP", mailer.getString("status"), "an optional relay that is not attached keeps it ready");
        assertEquals("DETACHED", mailer.getJsonObject("data").getString("state"));

        for (int i = 0; i < 5; i++) {
            assertEquals(201, placeOrder("before-" + i));
        }

        String newUrl = MACHINE_POSTGRES ? preparePostgres() : "jdbc:h2:mem:orders-b;DB_CLOSE_DELAY=-1";
        String newLocation = MACHINE_POSTGRES ? "postgres://127.0.0.1:5432/attached_sample" : "jdbc:h2:mem:orders-b";

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger placed = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread client = new Thread(() -> {
            for (int i = 0; running.get() && i < 20_000; i++) {
                try {
                    int status = placeOrder("during-" + i);
                    if (status == 201) {
                        placed.incrementAndGet();
                    } else {
                        failures.add("HTTP " + status);
                    }
                } catch (IOException | InterruptedException e) {
                    failures.add(e.toString());
                }
            }
        });
        client.start();
        await().atMost(10, SECONDS).until(() -> placed.get() >= 20);

        writeAtomically(CONFIG_DIR, "attached.orders-db.url", newUrl);
        await().atMost(30, SECONDS).until(() -> check(get("/health/ready"), "orders-db").getJsonObject("data")
                .getInt("generation") == 2);
        int placedAtSwap = placed.get();
        await().atMost(10, SECONDS).until(() -> placed.get() >= placedAtSwap + 20);
        running.set(false);
        client.join();

        assertEquals(List.of(), failures, "no request failed across the swap");
        JsonObject after = check(get("/health/ready"), "orders-db");
        assertEquals("UP", after.getString("status"), after.toString());
        assertEquals(newLocation, after.getJsonObject("data").getString("location"));

        long inNewDatabase = get("/api/orders").getJsonNumber("count").longValue();
        assertTrue(inNewDatabase >= placed.get() - placedAtSwap,
                "orders after the swap are in the new database: " + inNewDatabase);
        assertTrue(inNewDatabase <= placed.get(), "orders before the swap stayed in the old one");
        if (MACHINE_POSTGRES) {
            assertEquals(inNewDatabase, countInPostgres());
        }
        System.out.printf("sample swap on Open Liberty: %d orders during the run, %d in the new database, 0 failed%n",
                placed.get(), inNewDatabase);
    }

    private int placeOrder(String item) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/api/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"" + item + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonObject get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(BASE + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static JsonObject check(JsonObject health, String resource) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("attached:" + resource))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no attached:" + resource + " in " + health));
    }

    /** Writes a key the way a config-map update lands: whole, in one rename. */
    private static void writeAtomically(Path dir, String key, String value) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.writeString(dir.resolve(".tmp-" + key), value);
        Files.move(tmp, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String preparePostgres() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS attached_sample WITH (FORCE)");
            s.execute("CREATE DATABASE attached_sample");
        }
        return "postgres://postgres@127.0.0.1:5432/attached_sample";
    }

    private static long countInPostgres() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/attached_sample",
                "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
