package dev.attached.tck.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.tck.Deployments;
import dev.attached.tck.support.Await;
import dev.attached.tck.support.H2Server;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.Jdbc;
import dev.attached.tck.support.Ports;

/**
 * A database that is down when the application starts never fails or delays start-up: the application starts, the
 * resource is not ready, and it turns ready by itself, with no refresh and no redeploy, once the database answers.
 */
@ExtendWith(ArquillianExtension.class)
public class ServiceDownAtStartTest {

    @Deployment
    public static WebArchive deployment() {
        int port = Ports.free();
        return Deployments.archive(ServiceDownAtStartTest.class,
                Ports.entry("database", port) + "attached.orders-db.url=" + H2Server.url(port, "tck-late") + "\n"
                        + "attached.orders-db.health.timeout=2s\n",
                Orders.class);
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

    @Test
    public void theApplicationStartsAndTurnsReadyWhenTheDatabaseComesUp() throws Exception {
        assertEquals("DOWN", Health.readiness().check("attached:orders-db").status());
        try (H2Server database = H2Server.start(Ports.configured("database"))) {
            Await.until(() -> Health.readiness().check("attached:orders-db").up(),
                    () -> "never ready: " + Health.readiness());
            assertEquals("1", Jdbc.query(orders.db(), "SELECT 1"));
            assertEquals(1, resources.status("orders-db").generation());
        }
    }
}
