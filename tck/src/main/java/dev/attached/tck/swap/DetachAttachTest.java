package dev.attached.tck.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
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
import dev.attached.tck.Deployments;
import dev.attached.tck.TckConfigSource;
import dev.attached.tck.support.Await;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.HealthReport;
import dev.attached.tck.support.Jdbc;

/**
 * Removing the url detaches the resource: calls fail fast with the type's own error (an {@code SQLException})
 * naming the resource and the key to set, and readiness is DOWN. Setting the url again attaches it.
 */
@ExtendWith(ArquillianExtension.class)
public class DetachAttachTest {

    static final String A = "jdbc:h2:mem:tck-detach-a;DB_CLOSE_DELAY=-1";

    @Deployment
    public static WebArchive deployment() {
        return Deployments.dynamic(
                Deployments.archive(DetachAttachTest.class, "attached.orders-db.health.timeout=2s\n", Orders.class),
                "attached.orders-db.url=" + A + "\n");
    }

    @ApplicationScoped
    public static class Orders {
        @Inject
        @AttachedResource("orders-db")
        DataSource db;

        DataSource db() {
            return db;
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
    public void removingTheUrlDetachesAndSettingItAttaches() throws Exception {
        Jdbc.database("tck-detach-a");
        assertEquals("tck-detach-a", Jdbc.whoami(orders.db()));

        TckConfigSource.remove("attached.orders-db.url");
        Await.until(() -> resources.status("orders-db").state() == ResourceState.DETACHED,
                () -> "not detached: " + resources.status("orders-db"));
        long start = System.nanoTime();
        SQLException detached = assertThrows(SQLException.class, () -> orders.db().getConnection());
        // fast means without waiting for a connection: far below any connect or acquisition timeout, and far above
        // what a busy machine adds to a call that does not wait
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "a call to a detached resource must fail fast");
        assertTrue(detached.getMessage().contains("orders-db"), detached.getMessage());
        assertTrue(detached.getMessage().contains("attached.orders-db.url"), detached.getMessage());
        HealthReport.Check check = Health.readiness().check("attached:orders-db");
        assertEquals("DOWN", check.status(), check.toString());

        String b = Jdbc.database("tck-detach-b");
        TckConfigSource.set("attached.orders-db.url", b);
        Await.until(() -> resources.status("orders-db").state() == ResourceState.ATTACHED,
                () -> "not attached again: " + resources.status("orders-db"));
        assertEquals("tck-detach-b", Jdbc.whoami(orders.db()));
        assertEquals("UP", Health.readiness().check("attached:orders-db").status());
    }
}
