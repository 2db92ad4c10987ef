package dev.attached.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;

/** The console's JSON for a real application: Attached's engine in Weld SE with H2 databases and a handle. */
class StatusJsonTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ORDERS_A = "jdbc:h2:mem:console-orders-a";
    private static final String ORDERS_B = "jdbc:h2:mem:console-orders-b";
    /** Nobody listens on port 1: connecting is refused at once. */
    private static final String NOWHERE = "jdbc:h2:tcp://127.0.0.1:1/nowhere";

    /** The application's own bean: what makes the resources exist. */
    @ApplicationScoped
    static class Shop {
        @Inject
        @AttachedResource("orders-db")
        DataSource orders;

        @Inject
        @AttachedResource("geo-api")
        ResourceHandle geo;
    }

    private final StatusJson json = new StatusJson(Json.createBuilderFactory(Map.of()));

    private static TestApp start() {
        return TestApp.with(
                "attached.orders-db.url", ORDERS_A,
                "attached.orders-db.username", "sa",
                "attached.orders-db.password", Canary.PASSWORD,
                "attached.geo-api.url", "https://apikey:" + Canary.PASSWORD + "@127.0.0.1:1/v2")
                .beans(Shop.class, EventRecorder.class).start();
    }

    private JsonObject document(TestApp app) {
        JsonObject document = json.document(app.resources(), app.select(EventRecorder.class), Instant.now());
        Canary.assertAbsent("the console's JSON", document.toString());
        return document;
    }

    private static JsonObject resource(JsonObject document, String name) {
        return document.getJsonArray("resources").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + name + " in " + document));
    }

    private static List<String> changes(JsonObject document, String name) {
        return document.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                .filter(entry -> entry.getString("resource").equals(name))
                .map(entry -> entry.getString("change")).toList();
    }

    @Test
    void everyResourceHasEveryKeyAndTheResourcesAreSortedByName() {
        try (TestApp app = start()) {
            JsonObject document = document(app);

            assertEquals(Set.of("time", "historySize", "resources", "history"), document.keySet());
            assertEquals(100, document.getInt("historySize"));
            assertEquals(List.of("geo-api", "orders-db"), document.getJsonArray("resources")
                    .getValuesAs(JsonObject.class).stream().map(r -> r.getString("name")).toList());
            for (JsonValue resource : document.getJsonArray("resources")) {
                assertEquals(Set.of("name", "kind", "state", "generation", "location", "since", "lastError",
                        "usage", "readiness", "lastSwap", "lastFailure"), resource.asJsonObject().keySet());
            }
        }
    }

    @Test
    void aDataSourceShowsItsStatusPoolAndFirstAttach() {
        try (TestApp app = start()) {
            JsonObject orders = resource(document(app), "orders-db");

            assertEquals("datasource", orders.getString("kind"));
            assertEquals("ATTACHED", orders.getString("state"));
            assertEquals(1, orders.getInt("generation"));
            assertEquals(ORDERS_A, orders.getString("location"));
            assertTrue(orders.isNull("lastError"));
            assertEquals(20, orders.getJsonObject("usage").getInt("max"));
            assertEquals(0, orders.getJsonObject("usage").getInt("waiting"));
            assertEquals(1, orders.getJsonObject("lastSwap").getInt("generation"));
            assertEquals("", orders.getJsonObject("lastSwap").getString("previousLocation"));
            assertEquals(List.of("attached"), changes(document(app), "orders-db"));
        }
    }

    @Test
    void readinessIsTheLastProbeUpOrDownWithItsReason() {
        try (TestApp app = start()) {
            assertTrue(resource(document(app), "orders-db").isNull("readiness"), "no probe before the first check");

            app.readiness(); // as a server's /health/ready does
            await().atMost(PATIENCE).until(() -> !resource(document(app), "geo-api").isNull("readiness")
                    && !resource(document(app), "orders-db").isNull("readiness"));

            JsonObject up = resource(document(app), "orders-db").getJsonObject("readiness");
            assertTrue(up.getBoolean("up"));
            assertEquals(1, up.getInt("generation"));
            assertTrue(up.isNull("error"));
            assertTrue(up.getJsonNumber("tookMillis").longValue() >= 0);
            JsonObject geo = resource(document(app), "geo-api");
            assertEquals("handle", geo.getString("kind"));
            assertEquals("https://127.0.0.1:1/v2", geo.getString("location"));
            assertTrue(geo.isNull("usage"), "a handle has no pool");
            assertFalse(geo.getJsonObject("readiness").getBoolean("up"));
            assertFalse(geo.getJsonObject("readiness").getString("error").isBlank());
        }
    }

    @Test
    void aSwapShowsInTheResourceAndTheHistoryThenItsDrain() {
        try (TestApp app = start()) {
            TestConfigSource.set("attached.orders-db.url", ORDERS_B); // the change signal swaps it

            await().atMost(PATIENCE).until(() -> changes(document(app), "orders-db").contains("drained"));
            JsonObject document = document(app);
            JsonObject orders = resource(document, "orders-db");
            assertEquals(2, orders.getInt("generation"));
            assertEquals(ORDERS_B, orders.getString("location"));
            assertEquals(ORDERS_A, orders.getJsonObject("lastSwap").getString("previousLocation"));
            // the old generation may drain before the swap's event is fired: newest first is the order observed
            List<String> changes = changes(document, "orders-db");
            assertEquals(Set.of("drained", "swapped"), Set.copyOf(changes.subList(0, 2)), changes.toString());
            assertEquals("attached", changes.get(2), changes.toString());
            JsonObject swapped = entry(document, "swapped");
            assertEquals(Set.of("at", "resource", "change", "generation", "location", "previousLocation"),
                    swapped.keySet());
            JsonObject drained = entry(document, "drained");
            assertEquals(1, drained.getInt("generation"));
            assertEquals(ORDERS_A, drained.getString("location"));
            assertTrue(drained.containsKey("tookMillis"));
        }
    }

    @Test
    void aFailedSwapShowsItsReasonWithoutTheSecretAndTheOldGenerationServes() {
        try (TestApp app = start()) {
            TestConfigSource.set("attached.orders-db.url",
                    NOWHERE.replace("tcp://", "tcp://sa:" + Canary.PASSWORD + "@"));

            await().atMost(PATIENCE).until(() -> changes(document(app), "orders-db").contains("swap-failed"));
            JsonObject document = document(app); // asserts that the canary is nowhere in it
            JsonObject orders = resource(document, "orders-db");
            assertEquals("ATTACHED", orders.getString("state"));
            assertEquals(1, orders.getInt("generation"));
            assertFalse(orders.getString("lastError").isBlank());
            assertEquals(NOWHERE, orders.getJsonObject("lastFailure").getString("location"));
            assertEquals(orders.getString("lastError"), orders.getJsonObject("lastFailure").getString("error"));
            assertEquals(List.of("swap-failed", "attached"), changes(document, "orders-db"));
            assertEquals(orders.getString("lastError"), entry(document, "swap-failed").getString("error"));
        }
    }

    @Test
    void aFailureStaysShownAfterTheNextSwapSucceeds() {
        try (TestApp app = start()) {
            TestConfigSource.set("attached.orders-db.url", NOWHERE);
            await().atMost(PATIENCE).until(() -> changes(document(app), "orders-db").contains("swap-failed"));
            TestConfigSource.set("attached.orders-db.url", ORDERS_B);
            await().atMost(PATIENCE).until(() -> changes(document(app), "orders-db").contains("swapped"));

            JsonObject orders = resource(document(app), "orders-db");
            assertTrue(orders.isNull("lastError"), "the status's error is over");
            assertEquals(NOWHERE, orders.getJsonObject("lastFailure").getString("location"));
            assertEquals(2, orders.getJsonObject("lastSwap").getInt("generation"));
        }
    }

    @Test
    void aDetachShowsInTheHistoryAndTheResourceHasNoPool() {
        try (TestApp app = start()) {
            TestConfigSource.remove("attached.orders-db.url");

            await().atMost(PATIENCE).until(() -> changes(document(app), "orders-db").contains("drained"));
            JsonObject document = document(app);
            JsonObject orders = resource(document, "orders-db");
            assertEquals("DETACHED", orders.getString("state"));
            assertTrue(orders.isNull("usage"));
            assertEquals(ORDERS_A, entry(document, "detached").getString("location"));
        }
    }

    private static JsonObject entry(JsonObject document, String change) {
        return document.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                .filter(entry -> entry.getString("change").equals(change)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + change + " in " + document));
    }
}
