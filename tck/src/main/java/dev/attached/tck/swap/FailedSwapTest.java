package dev.attached.tck.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.support.Await;
import dev.attached.tck.support.H2Server;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.HealthReport;
import dev.attached.tck.support.Jdbc;
import dev.attached.tck.support.Ports;

/**
 * Make before break: the new database is opened and probed first. When it does not answer, the old one keeps
 * serving, work in flight is not disturbed, and the failure is reported in the status, by a
 * {@code ResourceSwapFailed} event and in the readiness data.
 */
@ExtendWith(ArquillianExtension.class)
public class FailedSwapTest {

    static final String A = "jdbc:h2:mem:tck-failed-swap-a;DB_CLOSE_DELAY=-1";
    static final String SECRET = "Failed-Swap-S3cret";

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(FailedSwapTest.class,
                "attached.orders-db.url=" + A + "\nattached.orders-db.health.timeout=2s\n", Orders.class);
    }

    @ApplicationScoped
    public static class Orders {
        final List<ResourceSwapFailed> failures = new CopyOnWriteArrayList<>();
        final List<ResourceSwapped> swaps = new CopyOnWriteArrayList<>();

        @Inject
        @AttachedResource("orders-db")
        DataSource db;

        void failed(@Observes @AttachedResource("orders-db") ResourceSwapFailed failure) {
            failures.add(failure);
        }

        void swapped(@Observes @AttachedResource("orders-db") ResourceSwapped swap) {
            swaps.add(swap);
        }

        DataSource db() {
            return db;
        }

        List<ResourceSwapFailed> failures() {
            return failures;
        }

        List<ResourceSwapped> swaps() {
            return swaps;
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
    public void aNewDatabaseThatDoesNotAnswerIsNeverSwappedIn() throws Exception {
        Jdbc.database("tck-failed-swap-a");
        try (Connection running = orders.db().getConnection()) {
            running.setAutoCommit(false);
            Jdbc.execute(running, "INSERT INTO orders VALUES ('in flight')");

            String unreachable = H2Server.url(Ports.free(), "nowhere");
            TckConfigSource.set("attached.orders-db.password", SECRET);
            TckConfigSource.set("attached.orders-db.url", unreachable);
            Await.until(() -> !orders.failures().isEmpty(),
                    () -> "no ResourceSwapFailed: " + resources.status("orders-db"));

            ResourceSwapFailed failure = orders.failures().get(0);
            assertEquals("orders-db", failure.name());
            assertFalse(failure.error().isBlank());
            assertFalse(failure.toString().contains(SECRET), failure.toString());

            ResourceStatus status = resources.status("orders-db");
            assertEquals(1, status.generation(), status.toString());
            assertEquals(ResourceState.ATTACHED, status.state(), status.toString());
            assertTrue(status.location().startsWith("jdbc:h2:mem:tck-failed-swap-a"), status.toString());
            assertTrue(status.lastError().isPresent(), status.toString());
            assertFalse(status.lastError().get().contains(SECRET), status.toString());

            assertEquals("tck-failed-swap-a", Jdbc.whoami(orders.db()), "the old database keeps serving");
            Jdbc.execute(running, "INSERT INTO orders VALUES ('after the failed swap')");
            running.commit();
            assertEquals("2", Jdbc.query(running, "SELECT COUNT(*) FROM orders"));
        }
        assertEquals(List.of(), orders.swaps());

        HealthReport.Check check = Health.readiness().check("attached:orders-db");
        assertEquals("UP", check.status(), check.toString());
        assertEquals(1, check.number("generation"), check.toString());
        assertTrue(check.data().keySet().stream().anyMatch(key -> key.contains("error")),
                "the readiness data does not report the failed swap: " + check);
        assertFalse(check.toString().contains(SECRET), check.toString());
    }
}
