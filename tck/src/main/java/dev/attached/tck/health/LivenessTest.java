package dev.attached.tck.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

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

/** Backing services never touch liveness: a dead database makes the application not ready, never not live. */
@ExtendWith(ArquillianExtension.class)
public class LivenessTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(LivenessTest.class,
                "attached.dead-db.url=" + H2Server.url(Ports.free(), "dead") + "\n"
                        + "attached.dead-db.health.timeout=1s\n",
                Orders.class);
    }

    @ApplicationScoped
    public static class Orders {
        @Inject
        @AttachedResource("dead-db")
        DataSource db;
    }

    @Test
    public void aDeadDatabaseIsNotReadyButLive() {
        HealthReport readiness = Health.readiness();
        assertEquals("DOWN", readiness.check("attached:dead-db").status(), readiness.toString());
        HealthReport liveness = Health.liveness();
        assertEquals(List.of(), liveness.namesStartingWith("attached:"), liveness.toString());
        assertEquals("UP", liveness.status(), liveness.toString());
    }
}
