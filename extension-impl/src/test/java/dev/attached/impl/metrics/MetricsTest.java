package dev.attached.impl.metrics;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;

import dev.attached.ResourceDrained;
import dev.attached.ResourceEvent;
import dev.attached.ResourceProbed;
import dev.attached.ResourceSwapFailed;
import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

/**
 * What an operator's dashboard gets from the server's OpenTelemetry: the state, generation and pool of each resource
 * at every collection, and its swaps, detaches, drains and probes as they happen.
 */
class MetricsTest {

    static final String URL = "attached.orders-db.url";
    static final Attributes ORDERS = Attributes.of(AttributeKey.stringKey("attached.resource"), "orders-db",
            AttributeKey.stringKey("attached.kind"), "datasource");
    static final List<ResourceEvent> SEEN = new CopyOnWriteArrayList<>();

    TestTelemetry telemetry;

    @ApplicationScoped
    public static class Recorder {
        void record(@Observes ResourceEvent event) {
            SEEN.add(event);
        }
    }

    @BeforeEach
    void openTelemetry() {
        SEEN.clear();
        telemetry = TestTelemetry.open();
    }

    @AfterEach
    void closeTelemetry() {
        telemetry.close();
    }

    static TestApp app(String url, String... more) {
        return TestApp.with(URL, url, "attached.orders-db.username", "sa", "attached.orders-db.password",
                Canary.PASSWORD, "attached.orders-db.pool.max-size", "5", "attached.orders-db.drain-timeout", "300ms")
                .config(more).beans(Orders.class, Recorder.class, TestTelemetry.Producer.class).start();
    }

    static Attributes orders(String key, String value) {
        return ORDERS.toBuilder().put(key, value).build();
    }

    static Attributes pool(String... more) {
        var builder = ORDERS.toBuilder().put("db.client.connection.pool.name", "orders-db");
        for (int i = 0; i < more.length; i += 2) {
            builder.put(more[i], more[i + 1]);
        }
        return builder.build();
    }

    @Test
    void thePoolShowsHeldConnectionsTheMaximumAndNoWaiters() throws Exception {
        try (TestApp app = app("jdbc:h2:mem:metrics-pool;DB_CLOSE_DELAY=-1")) {
            Orders orders = app.select(Orders.class);
            try (Connection a = orders.dataSource().getConnection();
                    Connection b = orders.dataSource().getConnection()) {
                Exported held = telemetry.collect();
                assertEquals(2, held.value("db.client.connection.count", pool("db.client.connection.state", "used")));
                assertEquals(5, held.value("db.client.connection.max", pool()));
                assertEquals(0, held.value("db.client.connection.pending_requests", pool()));
            }
            Exported returned = telemetry.collect();
            assertEquals(0, returned.value("db.client.connection.count", pool("db.client.connection.state", "used")));
            assertTrue(returned.value("db.client.connection.count", pool("db.client.connection.state", "idle")) >= 2,
                    returned::toString);
            assertEquals(1, returned.value("attached.resource.generation", ORDERS));
            assertEquals(1, returned.value("attached.resource.state", orders("attached.state", "attached")));
            assertEquals(0, returned.value("attached.resource.state", orders("attached.state", "detached")));
            assertEquals(0, returned.value("attached.resource.state", orders("attached.state", "failed")));
            assertTrue(returned.attributes("attached.pool.count").isEmpty(), "a datasource is no plug-in pool");
        }
    }

    @Test
    void swapsAndFailedSwapsAreCountedAndTheGenerationFollows() throws Exception {
        try (TestApp app = app("jdbc:h2:mem:metrics-swap-a;DB_CLOSE_DELAY=-1")) {
            Exported started = telemetry.collect();
            assertTrue(started.metric("attached.swaps").isEmpty(), "the first attach is no swap: " + started);

            app.config().set(URL, "jdbc:h2:mem:metrics-swap-b;DB_CLOSE_DELAY=-1");
            app.resources().refresh("orders-db");
            app.config().set(URL, "smtp://relay.example.com:25");
            app.resources().refresh("orders-db");
            app.config().set(URL, "jdbc:h2:mem:metrics-swap-c;DB_CLOSE_DELAY=-1");
            app.resources().refresh("orders-db");

            // the refresh and the source's change signal may each try the bad url: every attempt is one failure
            Attributes failure = orders("attached.outcome", "failure");
            await().atMost(10, SECONDS).until(() -> telemetry.collect().value("attached.swaps", failure) == SEEN
                    .stream().filter(ResourceSwapFailed.class::isInstance).count());
            Exported after = telemetry.collect();
            assertEquals(2, after.value("attached.swaps", orders("attached.outcome", "success")));
            assertTrue(after.value("attached.swaps", failure) >= 1, after::toString);
            assertEquals(3, after.value("attached.resource.generation", ORDERS));
            assertEquals(1, after.value("attached.resource.state", orders("attached.state", "attached")));
        }
    }

    @Test
    void drainsAreTimedInSecondsAndSayWhetherTheTimeoutCutWork() throws Exception {
        try (TestApp app = app("jdbc:h2:mem:metrics-drain-a;DB_CLOSE_DELAY=-1")) {
            app.config().set(URL, "jdbc:h2:mem:metrics-drain-b;DB_CLOSE_DELAY=-1");
            app.resources().refresh("orders-db");
            await().atMost(10, SECONDS).until(() -> drains().size() == 1);
            try (Connection held = app.select(Orders.class).dataSource().getConnection()) {
                app.config().set(URL, "jdbc:h2:mem:metrics-drain-c;DB_CLOSE_DELAY=-1");
                app.resources().refresh("orders-db");
                await().atMost(10, SECONDS).until(() -> drains().size() == 2);
            }
            Exported exported = telemetry.collect();
            Attributes clean = ORDERS.toBuilder().put(AttributeKey.booleanKey("attached.drain.cut"), false).build();
            Attributes cut = ORDERS.toBuilder().put(AttributeKey.booleanKey("attached.drain.cut"), true).build();
            assertSeconds(drains().get(0), exported.histogram("attached.drain.duration", clean));
            assertSeconds(drains().get(1), exported.histogram("attached.drain.duration", cut));
            assertEquals("s", exported.metric("attached.drain.duration").orElseThrow().getUnit());
        }
    }

    static List<ResourceDrained> drains() {
        return SEEN.stream().filter(ResourceDrained.class::isInstance).map(ResourceDrained.class::cast).toList();
    }

    static void assertSeconds(ResourceDrained drained, HistogramPointData point) {
        assertEquals(1, point.getCount(), point::toString);
        assertEquals(drained.took().toNanos() / 1e9, point.getSum(), 1e-9, point::toString);
    }

    @Test
    void probesAreTimedWithTheirOutcome() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TestApp app = app("jdbc:h2:tcp://127.0.0.1:" + closedPort + "/mem:nowhere",
                "attached.orders-db.health.timeout", "10s")) {
            app.readiness();
            await().atMost(20, SECONDS).until(() -> probes().size() == 1);
            HistogramPointData down = telemetry.collect().histogram("attached.probe.duration",
                    orders("attached.outcome", "down"));
            assertEquals(1, down.getCount());
            assertEquals(probes().get(0).took().toNanos() / 1e9, down.getSum(), 1e-9);

            app.config().set(URL, "jdbc:h2:mem:metrics-probe;DB_CLOSE_DELAY=-1");
            app.resources().refresh("orders-db");
            await().atMost(20, SECONDS).until(() -> {
                app.readiness();
                return probes().stream().anyMatch(ResourceProbed::up);
            });
            Exported exported = telemetry.collect();
            assertTrue(exported.histogram("attached.probe.duration", orders("attached.outcome", "up")).getCount() >= 1,
                    exported::toString);
        }
    }

    static List<ResourceProbed> probes() {
        return SEEN.stream().filter(ResourceProbed.class::isInstance).map(ResourceProbed.class::cast).toList();
    }

    @Test
    void aDetachIsCountedAndTheStateAndPoolShowIt() throws Exception {
        try (TestApp app = app("jdbc:h2:mem:metrics-detach;DB_CLOSE_DELAY=-1")) {
            app.config().remove(URL);
            app.resources().refresh("orders-db");
            Exported exported = telemetry.collect();
            assertEquals(1, exported.value("attached.detaches", ORDERS));
            assertEquals(1, exported.value("attached.resource.state", orders("attached.state", "detached")));
            assertEquals(0, exported.value("attached.resource.state", orders("attached.state", "attached")));
            assertEquals(1, exported.value("attached.resource.generation", ORDERS), "the generation it had");
            assertTrue(exported.attributes("db.client.connection.count").isEmpty(), "no pool while detached");
        }
    }

    @Test
    void noPasswordLocationOrErrorTextIsEverExported() throws Exception {
        String secretUrl = "postgres://app:" + Canary.PASSWORD + "@127.0.0.1:1/orders";
        try (TestApp app = app("jdbc:h2:mem:metrics-canary;DB_CLOSE_DELAY=-1")) {
            app.readiness();
            app.config().set(URL, secretUrl);
            app.resources().refresh("orders-db");
            app.config().set(URL, "jdbc:h2:mem:metrics-canary-b;DB_CLOSE_DELAY=-1");
            app.resources().refresh("orders-db");
            await().atMost(10, SECONDS).until(() -> !drains().isEmpty());
            Exported exported = telemetry.collect();
            String text = exported.toString();
            assertTrue(text.contains("attached.swaps") && text.contains("attached.drain.duration"), text);
            assertFalse(text.contains(Canary.PASSWORD), text);
            assertFalse(text.contains("127.0.0.1") || text.contains("jdbc:") || text.contains("metrics-canary"),
                    "no location: " + text);
            for (MetricData metric : List.copyOf(exportedMetrics(exported))) {
                metric.getData().getPoints().forEach(point -> point.getAttributes().forEach((key, value) -> assertTrue(
                        ALLOWED_KEYS.contains(key.getKey()), key + " on " + metric.getName())));
            }
        }
    }

    static final List<String> ALLOWED_KEYS = List.of("attached.resource", "attached.kind", "attached.state",
            "attached.outcome", "attached.drain.cut", "db.client.connection.pool.name", "db.client.connection.state",
            "attached.pool.state");

    static List<MetricData> exportedMetrics(Exported exported) {
        return List.of("attached.swaps", "attached.drain.duration", "attached.probe.duration",
                "attached.resource.generation", "attached.resource.state", "db.client.connection.count",
                "db.client.connection.max", "db.client.connection.pending_requests").stream()
                .flatMap(name -> exported.metric(name).stream()).toList();
    }

    @Test
    void aStoppedApplicationIsNoLongerRead() throws Exception {
        try (TestApp app = app("jdbc:h2:mem:metrics-stop;DB_CLOSE_DELAY=-1")) {
            assertEquals(1, telemetry.collect().value("attached.resource.generation", ORDERS));
        }
        Exported afterStop = telemetry.collect();
        assertTrue(afterStop.attributes("attached.resource.generation").isEmpty(), afterStop::toString);
        assertTrue(afterStop.attributes("db.client.connection.count").isEmpty(), afterStop::toString);
    }

    @Test
    void withoutAnOpenTelemetryBeanTheApplicationStartsAndServes() throws Exception {
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with(URL, "jdbc:h2:mem:metrics-none;DB_CLOSE_DELAY=-1").beans(Orders.class)
                        .start()) {
            Orders orders = app.select(Orders.class);
            orders.createTable();
            orders.place("1", "book");
            app.config().set(URL, "jdbc:h2:mem:metrics-none-b;DB_CLOSE_DELAY=-1");
            assertEquals(2, app.resources().refresh("orders-db").generation());
            orders.createTable();
            assertEquals(0, orders.count());
            assertEquals("UP", app.check("orders-db").getString("status"));
            assertTrue(log.contains("ATTACHED-201: no OpenTelemetry bean resolves"), log.text());
            assertTrue(telemetry.collect().metric("attached.resource.generation").isEmpty(), "nothing registered");
        }
    }
}
