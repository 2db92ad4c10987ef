package dev.attached.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;
import dev.attached.ResourceStatus;
import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.SwapRecorder;
import dev.attached.impl.testing.TestApp;

/** The canary password is configured everywhere and must surface nowhere. */
class SecretsTest {

    @Dependent
    public static class Everything {
        @Inject
        @AttachedResource("orders-db")
        ResourceHandle ordersHandle;

        @Inject
        @AttachedResource("geo-api")
        ResourceHandle geo;
    }

    @Test
    void theCanaryNeverLeaves() throws Exception {
        String secretInUrl = "postgres://app:" + Canary.PASSWORD + "@127.0.0.1:1/orders?password=" + Canary.PASSWORD;
        StringBuilder seen = new StringBuilder();
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with("attached.orders-db.url", secretInUrl,
                        "attached.orders-db.health.timeout", "1s",
                        "attached.geo-api.url", "https://geo.example.com",
                        "attached.geo-api.password", Canary.PASSWORD)
                        .beans(Orders.class, Everything.class, SwapRecorder.class).start()) {
            Everything everything = app.select(Everything.class);
            seen.append(everything.ordersHandle).append(everything.geo);

            // a database that refuses connections: the health response and the exception the app sees
            seen.append(app.readiness());
            seen.append(assertThrows(SQLException.class, () -> app.select(Orders.class).count()).getMessage());

            // a failed swap to another URL with the secret in it: status, event, logs
            ResourceStatus status = app.resources().refresh("orders-db");
            app.config().set("attached.orders-db.url", "postgres://app:" + Canary.PASSWORD + "@127.0.0.1:2/x");
            status = app.resources().refresh("orders-db");
            seen.append(status).append(status.lastError()).append(status.location());
            SwapRecorder events = app.select(SwapRecorder.class);
            assertEquals(1, events.failed().size());
            seen.append(events.failed()).append(events.swapped());
            seen.append(app.readiness());

            // detached: the fast failure names the key, not the value
            app.config().remove("attached.orders-db.url");
            app.resources().refresh("orders-db");
            seen.append(assertThrows(SQLException.class, () -> app.select(Orders.class).count()).getMessage());
            seen.append(app.resources().status("orders-db"));
            seen.append(app.readiness());
            seen.append(log.text());

            assertTrue(seen.toString().contains("app:****@") || seen.toString().contains("127.0.0.1:2/x"),
                    "the test saw the places it looks in: " + seen);
            assertFalse(seen.toString().contains(Canary.PASSWORD), seen.toString());
        }
    }
}
