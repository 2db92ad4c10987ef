package dev.attached.impl;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

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

    /** Threads of Attached's and of the pools it opened. */
    private static Set<String> attachedThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("attached-") || name.startsWith("agroal-"))
                .collect(Collectors.toSet());
    }
}
