package dev.attached.tck.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attached.AttachedResource;
import dev.attached.tck.Deployments;
import dev.attached.tck.support.H2Server;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.HealthReport;
import dev.attached.tck.support.Ports;

/**
 * {@code health.enabled} defaults to {@code true}; {@code false} takes the resource out of readiness: a dead
 * database with it off does not make the application not ready.
 */
@ExtendWith(ArquillianExtension.class)
public class HealthDisabledTest {

    @Deployment
    public static WebArchive deployment() {
        int port = Ports.free();
        return Deployments.archive(HealthDisabledTest.class,
                "attached.probed-db.url=" + H2Server.url(port, "probed") + "\n"
                        + "attached.probed-db.health.timeout=1s\n"
                        + "attached.unprobed-db.url=" + H2Server.url(port, "unprobed") + "\n"
                        + "attached.unprobed-db.health.enabled=false\n",
                Orders.class);
    }

    @ApplicationScoped
    public static class Orders {
        @Inject
        @AttachedResource("probed-db")
        DataSource probed;

        @Inject
        @AttachedResource("unprobed-db")
        DataSource unprobed;
    }

    @Test
    public void onlyTheProbedDatabaseMakesTheApplicationNotReady() {
        HealthReport readiness = Health.readiness();
        assertEquals("DOWN", readiness.check("attached:probed-db").status(), readiness.toString());
        readiness.find("attached:unprobed-db")
                .ifPresent(check -> assertNotEquals("DOWN", check.status(), readiness.toString()));
    }
}
