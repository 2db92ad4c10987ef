package dev.attached.impl;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

import dev.attached.impl.runtime.ResourceRegistry;
import dev.attached.impl.testing.MutableConfigSource;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

/** The injected DataSource as a whole-lifetime reference: what unwrap gives, what a JVM keeps after it. */
class DataSourceReferenceTest {

    static final String URL = "attached.orders-db.url";

    @Test
    void unwrapGivesTheSwapAwareReferenceAndRefusesThePoolBehindIt() throws Exception {
        try (TestApp app = TestApp.with(URL, "jdbc:h2:mem:unwrap").beans(Orders.class).start()) {
            DataSource db = app.select(Orders.class).dataSource();
            assertSame(db, db.unwrap(DataSource.class));
            assertFalse(db.isWrapperFor(AgroalDataSource.class));
            SQLException refused = assertThrows(SQLException.class, () -> db.unwrap(AgroalDataSource.class));
            assertEquals("ATTACHED-114: resource 'orders-db' cannot be unwrapped as io.agroal.api.AgroalDataSource: "
                    + "the pool behind the reference is replaced at every swap and closed after it; use the injected "
                    + "DataSource itself", refused.getMessage());
        }
    }

    @Test
    void openingPoolsLeavesTheJvmWideLoginTimeoutAlone() throws Exception {
        int before = DriverManager.getLoginTimeout();
        DriverManager.setLoginTimeout(7);
        try (TestApp app = TestApp.with(URL, "jdbc:h2:mem:timeouts", "attached.orders-db.connect-timeout", "3s")
                .beans(Orders.class).start()) {
            try (Connection c = app.select(Orders.class).dataSource().getConnection()) {
                assertTrue(c.isValid(1));
            }
            assertEquals(7, DriverManager.getLoginTimeout(), "another application's login timeout was changed");
        } finally {
            DriverManager.setLoginTimeout(before);
        }
    }

    @Test
    void aSubSecondConnectTimeoutThatTheDriverCannotHonourIsRejectedNamingTheKey() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> TestApp.with(
                URL, "postgres://db.example.com/orders", "attached.orders-db.connect-timeout", "500ms")
                .beans(Orders.class).start());
        assertTrue(e.getMessage().contains("ATTACHED-012: attached.orders-db.connect-timeout: the jdbc:postgresql "
                + "driver counts whole seconds, so 500 ms cannot be honoured; use a whole number of seconds "
                + "(kind datasource)"), e.getMessage());
    }

    /**
     * Fifty deployments in one JVM, as a server redeploying an application: a config source that outlives them keeps
     * no listener, and no thread or pool of theirs is left running.
     */
    @Test
    void redeployingFiftyTimesLeavesNoListenerThreadOrPoolBehind() throws SQLException {
        MutableConfigSource serverWide = new MutableConfigSource(java.util.Map.of());
        Set<String> before = attachedThreads();
        for (int i = 0; i < 50; i++) {
            try (TestApp app = TestApp.with(URL, "jdbc:h2:mem:redeploy" + i, "attached.orders-db.pool.min-size", "1")
                    .source(serverWide).beans(Orders.class).start()) {
                app.select(Orders.class).createTable();
                assertEquals(1, serverWide.listeners());
            }
            assertEquals(0, serverWide.listeners(), "deployment " + i + " left its listener on the source");
        }
        await().atMost(10, SECONDS).until(() -> attachedThreads().equals(before));
    }

    /**
     * A server's worker threads live for days and every one of them has used the pool: after 20 swaps, none of the
     * retired pools may stay reachable (Agroal's own per-thread cache held each one forever).
     */
    @Test
    void retiredPoolsAreNotKeptReachableByLongLivedThreads() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<WeakReference<Object>> retired = new ArrayList<>();
        try (TestApp app = TestApp.with(URL, "jdbc:h2:mem:generation0").beans(Orders.class).start()) {
            DataSource db = app.select(Orders.class).dataSource();
            ResourceRegistry registry = (ResourceRegistry) app.resources();
            Callable<Boolean> borrow = () -> {
                try (Connection c = db.getConnection()) {
                    return c.isValid(1);
                }
            };
            for (int i = 1; i <= 20; i++) {
                for (Future<Boolean> done : workers
                        .invokeAll(List.of(borrow, borrow, borrow, borrow, borrow, borrow))) {
                    assertTrue(done.get());
                }
                assertEquals("UP", app.check("orders-db").getString("status")); // probes must not pin it either
                retired.add(new WeakReference<>(registry.slot("orders-db").generation().orElseThrow().resource()));
                // and what a thread-local connection cache would pin: Agroal's pool holds the driver's connections
                try (Connection c = db.getConnection()) {
                    retired.add(new WeakReference<>(c.unwrap(org.h2.jdbc.JdbcConnection.class)));
                }
                app.config().set(URL, "jdbc:h2:mem:generation" + i);
                assertEquals(i + 1, app.resources().refresh("orders-db").generation());
            }
            await().atMost(30, SECONDS).until(() -> {
                System.gc();
                return retired.stream().filter(pool -> pool.get() != null).count() == 0;
            });
        } finally {
            workers.shutdownNow();
        }
    }

    /** Threads of Attached's and of the pools it opened. */
    private static Set<String> attachedThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("attached-") || name.startsWith("agroal-"))
                .collect(Collectors.toSet());
    }
}
