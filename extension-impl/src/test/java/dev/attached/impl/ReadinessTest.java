package dev.attached.impl;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.RestartablePostgres;
import dev.attached.impl.testing.SilentServer;
import dev.attached.impl.testing.TestApp;

/** One readiness check per resource, bounded, concurrent, masked; liveness untouched. */
class ReadinessTest {

    @RegisterExtension
    static RestartablePostgres postgres = new RestartablePostgres();

    @Dependent
    public static class ThreeDatabases {
        @Inject
        @AttachedResource("hung-a")
        DataSource a;
        @Inject
        @AttachedResource("hung-b")
        DataSource b;
        @Inject
        @AttachedResource("healthy")
        DataSource healthy;
    }

    @Dependent
    public static class Api {
        @Inject
        @AttachedResource("geo-api")
        ResourceHandle geo;
    }

    @Test
    void upOnALivePostgresReachedByAPlatformUrl() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", postgres.platformUrl("postgres"))
                .beans(Orders.class).start()) {
            Orders orders = app.select(Orders.class);
            orders.createTable();
            orders.place("pg-1", "lamp");
            assertEquals("PostgreSQL", orders.product());
            JsonObject check = app.check("orders-db");
            assertEquals("UP", check.getString("status"), check.toString());
            JsonObject data = check.getJsonObject("data");
            assertEquals("datasource", data.getString("kind"));
            assertEquals("postgres://localhost:" + postgres.port() + "/postgres", data.getString("location"));
            assertEquals(1, data.getJsonNumber("generation").longValue());
            assertEquals("UP", app.readiness().getString("status"));
        }
    }

    @Test
    void downWhileThePostgresIsStoppedAndUpAgainOnceItIsBackWithoutARestart() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", postgres.platformUrl("postgres"),
                "attached.orders-db.health.timeout", "1s").beans(Orders.class).start()) {
            Orders orders = app.select(Orders.class);
            assertEquals("UP", app.check("orders-db").getString("status"));
            postgres.stop();
            try {
                await().atMost(15, SECONDS).until(() -> app.check("orders-db").getString("status").equals("DOWN"));
                JsonObject down = app.check("orders-db");
                assertTrue(down.getJsonObject("data").containsKey("error"), down.toString());
            } finally {
                postgres.start();
            }
            await().atMost(30, SECONDS).until(() -> app.check("orders-db").getString("status").equals("UP"));
            orders.createTable();
            assertTrue(orders.count() >= 0);
        }
    }

    @Test
    void aDatabaseThatIsDownAtBootDoesNotFailStartUp() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", "postgres://u:p@127.0.0.1:1/nothing",
                "attached.orders-db.health.timeout", "1s").beans(Orders.class).start()) {
            assertEquals("DOWN", app.check("orders-db").getString("status"));
        }
    }

    @Test
    void aServerThatNeverAnswersIsDownWithinTheTimeout() throws Exception {
        try (SilentServer hung = new SilentServer();
                TestApp app = TestApp.with("attached.orders-db.url", "postgres://u:p@127.0.0.1:" + hung.port() + "/x",
                        "attached.orders-db.health.timeout", "1s").beans(Orders.class).start()) {
            long start = System.nanoTime();
            JsonObject check = app.check("orders-db");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("DOWN", check.getString("status"));
            assertEquals("no answer within 1s", check.getJsonObject("data").getString("error"));
            // Bounded: the check gave up at its timeout instead of waiting for the pool's 5s acquisition timeout.
            assertTrue(millis < 4000, "readiness took " + millis + " ms");
            // A later call shares the probe still hanging instead of starting another.
            assertEquals("DOWN", app.check("orders-db").getString("status"));
        }
    }

    @Test
    void hungResourcesAreProbedConcurrentlyWhenChecksAreCalledOneAfterAnother() throws Exception {
        try (SilentServer hung = new SilentServer();
                TestApp app = TestApp.with(
                        "attached.hung-a.url", "postgres://127.0.0.1:" + hung.port() + "/a",
                        "attached.hung-a.health.timeout", "1s",
                        "attached.hung-b.url", "postgres://127.0.0.1:" + hung.port() + "/b",
                        "attached.hung-b.health.timeout", "1s",
                        "attached.healthy.url", postgres.platformUrl("postgres"))
                        .beans(ThreeDatabases.class).start()) {
            // Open Liberty's way: look the checks up, call them in turn on one thread.
            long start = System.nanoTime();
            List<HealthCheckResponse> responses = app.readinessOneByOne();
            long millis = (System.nanoTime() - start) / 1_000_000;
            Map<String, String> states = responses.stream().collect(Collectors.toMap(HealthCheckResponse::getName,
                    r -> r.getStatus().name()));
            assertEquals(Map.of("attached:hung-a", "DOWN", "attached:hung-b", "DOWN", "attached:healthy", "UP"),
                    states);
            // Two hung probes of 1s each, called in turn: about one timeout when concurrent, two when not.
            assertTrue(millis < 1900, "readiness took " + millis + " ms");
        }
    }

    @Test
    void anExhaustedPoolStaysUpAndSaysSo() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", postgres.platformUrl("postgres"),
                "attached.orders-db.pool.max-size", "2").beans(Orders.class).start()) {
            DataSource db = app.select(Orders.class).dataSource();
            List<Connection> held = new ArrayList<>();
            try {
                held.add(db.getConnection());
                held.add(db.getConnection());
                JsonObject check = app.check("orders-db");
                assertEquals("UP", check.getString("status"), check.toString());
                assertEquals("exhausted: all 2 connections are in use", check.getJsonObject("data").getString("pool"));
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void livenessHasNoAttachedChecks() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", "postgres://127.0.0.1:1/gone").beans(Orders.class)
                .start()) {
            assertEquals("DOWN", app.check("orders-db").getString("status"));
            JsonObject liveness = app.liveness();
            assertEquals("UP", liveness.getString("status"));
            assertFalse(liveness.toString().contains("attached:"), liveness.toString());
        }
    }

    @Test
    void aHandleIsProbedByConnectingToItsHost() throws Exception {
        try (SilentServer listening = new SilentServer();
                TestApp app = TestApp.with("attached.geo-api.url", "http://127.0.0.1:" + listening.port() + "/v1")
                        .beans(Api.class).start()) {
            JsonObject check = app.check("geo-api");
            assertEquals("UP", check.getString("status"), check.toString());
            assertEquals("handle", check.getJsonObject("data").getString("kind"));
        }
    }

    @Test
    void disabledHealthReportsUpWithoutProbing() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", "postgres://127.0.0.1:1/gone",
                "attached.orders-db.health.enabled", "false").beans(Orders.class).start()) {
            JsonObject check = app.check("orders-db");
            assertEquals("UP", check.getString("status"));
            assertEquals("disabled", check.getJsonObject("data").getString("probe"));
        }
    }
}
