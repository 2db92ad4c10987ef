package dev.attached.impl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.attached.ResourceEvent;
import dev.attached.ResourceSwapped;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

/** Run by the build on a class path without the OpenTelemetry API, as a server without MicroProfile Telemetry. */
@EnabledIfSystemProperty(named = "attached.without-opentelemetry", matches = "true")
class WithoutOpenTelemetryTest {

    static final String URL = "attached.orders-db.url";
    static final List<ResourceEvent> SEEN = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    public static class Recorder {
        void record(@Observes ResourceEvent event) {
            SEEN.add(event);
        }
    }

    @Test
    void theClassPathReallyHasNoOpenTelemetry() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.opentelemetry.api.OpenTelemetry"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.opentelemetry.sdk.OpenTelemetrySdk"));
    }

    @Test
    void anApplicationDeploysServesAndSwapsWithoutMetrics() throws Exception {
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with(URL, "jdbc:h2:mem:no-otel-a;DB_CLOSE_DELAY=-1")
                        .beans(Orders.class, Recorder.class)
                        .start()) {
            Orders orders = app.select(Orders.class);
            orders.createTable();
            orders.place("1", "book");
            assertEquals(1, orders.count());
            app.config().set(URL, "jdbc:h2:mem:no-otel-b;DB_CLOSE_DELAY=-1");
            assertEquals(2, app.resources().refresh("orders-db").generation());
            assertTrue(SEEN.stream().anyMatch(e -> e instanceof ResourceSwapped s && s.generation() == 2),
                    "the application's observers still see the events: " + SEEN);
            orders.createTable();
            assertEquals(0, orders.count(), "new work reaches the new database");
            assertEquals("UP", app.check("orders-db").getString("status"));
            assertTrue(log.contains("ATTACHED-200: the OpenTelemetry API is not on the class path"), log.text());
        }
    }
}
