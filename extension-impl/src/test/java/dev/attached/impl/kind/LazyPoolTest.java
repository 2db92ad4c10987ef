package dev.attached.impl.kind;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.attached.ResourceUsage;
import dev.attached.impl.runtime.ResourceRegistry;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

/**
 * A DataSource resource makes its Agroal pool (a housekeeping thread, Agroal's classes) when it is first needed, so
 * an application declaring many resources starts as fast as one declaring few; connections asked for at start are
 * still opened at start, and a swap still opens and probes its new pool before the cutover.
 */
class LazyPoolTest {

    private static final String URL = "attached.orders-db.url";

    private static Pool pool(TestApp app) {
        ResourceRegistry registry = (ResourceRegistry) app.resources();
        return (Pool) registry.slot("orders-db").generation().orElseThrow().resource();
    }

    @Test
    void aResourceNobodyHasUsedHasNoPoolYetAndItsFirstCallerMakesIt() throws Exception {
        try (TestApp app = TestApp.with(URL, "jdbc:h2:mem:lazy-a").beans(Orders.class).start()) {
            assertFalse(pool(app).ifOpened().isPresent(), "no Agroal pool before anything needs one");
            ResourceUsage unused = app.resources().status("orders-db").usage().orElseThrow();
            assertEquals(0, unused.active());
            assertEquals(0, unused.idle());
            assertFalse(pool(app).ifOpened().isPresent(), "asking for the usage makes no pool");
            DataSource db = app.select(Orders.class).dataSource();
            assertEquals(0, db.getLoginTimeout());
            assertFalse(pool(app).ifOpened().isPresent(), "asking for the login timeout makes no pool");

            try (Connection connection = db.getConnection()) {
                assertTrue(connection.isValid(1));
            }
            assertTrue(pool(app).ifOpened().isPresent());
        }
    }

    @Test
    void connectionsAskedForAtStartAreOpenedAtStart() {
        try (TestApp app = TestApp.with(URL, "jdbc:h2:mem:lazy-b", "attached.orders-db.pool.initial-size", "2")
                .beans(Orders.class).start()) {
            assertTrue(pool(app).ifOpened().isPresent());
            await().atMost(10, SECONDS).until(() -> app.resources().status("orders-db").usage().orElseThrow()
                    .idle() == 2);
        }
    }

    @Test
    void aReadinessProbeMakesThePoolItChecks() {
        try (TestApp app = TestApp.with(URL, "jdbc:h2:mem:lazy-c").beans(Orders.class).start()) {
            assertEquals("UP", app.check("orders-db").getString("status"));
            assertTrue(pool(app).ifOpened().isPresent());
        }
    }

    @Test
    void aSwapOpensAndProbesTheNewPoolBeforeTheCutover() {
        try (TestApp app = TestApp.with(URL, "jdbc:h2:mem:lazy-d").beans(Orders.class).start()) {
            app.config().set(URL, "jdbc:h2:mem:lazy-e");
            assertEquals(2, app.resources().refresh("orders-db").generation());
            assertTrue(pool(app).ifOpened().isPresent(), "the new generation's pool was probed, so it is made");
        }
    }
}
