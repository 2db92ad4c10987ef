package dev.attached.tck.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.support.Await;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.HealthReport;
import dev.attached.tck.support.Jdbc;

/**
 * A DataSource swap: the same injected DataSource (and {@code Instance.get()}) reaches database B at once; a
 * transaction already running on A
 * finishes there and commits; A's pool is closed once that connection is back, long before {@code drain-timeout}.
 */
@ExtendWith(ArquillianExtension.class)
public class DataSourceSwapTest {

    static final String A = "jdbc:h2:mem:tck-swap-a;DB_CLOSE_DELAY=-1";

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(DataSourceSwapTest.class, "attached.orders-db.url=" + A + "\n", Orders.class);
    }

    @ApplicationScoped
    public static class Orders {
        @Inject
        @AttachedResource("orders-db")
        DataSource db;

        @Inject
        @AttachedResource("orders-db")
        Instance<DataSource> instance;

        DataSource db() {
            return db;
        }

        DataSource fromInstance() {
            return instance.get();
        }
    }

    @Inject
    Orders orders;

    @Inject
    AttachedResources resources;

    @AfterEach
    public void reset() {
        TckConfigSource.reset();
    }

    @Test
    public void newWorkGoesToTheNewDatabaseAndRunningWorkFinishesOnTheOld() throws Exception {
        Jdbc.database("tck-swap-a");
        String b = Jdbc.database("tck-swap-b");
        DataSource db = orders.db();
        assertEquals("tck-swap-a", Jdbc.whoami(db));

        try (Connection observer = Jdbc.direct(A)) {
            try (Connection running = db.getConnection()) {
                running.setAutoCommit(false);
                Jdbc.execute(running, "INSERT INTO orders VALUES ('before the swap')");

                TckConfigSource.set("attached.orders-db.url", b);
                Await.until(() -> resources.status("orders-db").generation() == 2,
                        () -> "no swap: " + resources.status("orders-db"));

                assertEquals("tck-swap-b", Jdbc.whoami(db), "new work must go to the new database");
                assertEquals("tck-swap-b", Jdbc.whoami(orders.fromInstance()), "Instance.get() gives the current one");
                assertEquals("tck-swap-a", Jdbc.whoami(running), "running work stays where it started");
                Await.sleep(2_000); // well within the default drain-timeout (30s): nothing may cut it
                Jdbc.execute(running, "INSERT INTO orders VALUES ('during the swap')");
                running.commit();
                assertTrue(Jdbc.otherSessions(observer) > 0, "A was closed under a running transaction");
            }
            assertEquals("2", Jdbc.query(observer, "SELECT COUNT(*) FROM orders"));
            Await.until(() -> sessions(observer) == 0,
                    () -> "A's pool still holds " + sessions(observer) + " connections after its work was done");
        }
        try (Connection b2 = Jdbc.direct(b)) {
            assertEquals("0", Jdbc.query(b2, "SELECT COUNT(*) FROM orders"));
        }
        HealthReport.Check check = Health.readiness().check("attached:orders-db");
        assertEquals(2, check.number("generation"), check.toString());
        assertTrue(check.text("location").orElseThrow().startsWith("jdbc:h2:mem:tck-swap-b"), check.toString());
    }

    private static int sessions(Connection observer) {
        try {
            return Jdbc.otherSessions(observer);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
