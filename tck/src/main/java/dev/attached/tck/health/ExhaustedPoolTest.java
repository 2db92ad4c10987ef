package dev.attached.tck.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;

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
import dev.attached.tck.support.Health;
import dev.attached.tck.support.HealthReport;

/**
 * A pool that is merely exhausted (every connection lent out) is not an unreachable database: the check stays UP
 * and says so in its data.
 */
@ExtendWith(ArquillianExtension.class)
public class ExhaustedPoolTest {

    @Deployment
    public static WebArchive deployment() {
        return Deployments.archive(ExhaustedPoolTest.class,
                "attached.orders-db.url=jdbc:h2:mem:tck-exhausted;DB_CLOSE_DELAY=-1\n"
                        + "attached.orders-db.pool.max-size=2\n",
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

    @Test
    public void anExhaustedPoolStaysUpAndSaysSo() throws Exception {
        try (Connection first = orders.db().getConnection(); Connection second = orders.db().getConnection()) {
            HealthReport.Check check = Health.readiness().check("attached:orders-db");
            assertEquals("UP", check.status(), check.toString());
            assertTrue(check.data().values().stream().anyMatch(v -> String.valueOf(v).contains("exhausted")),
                    "the data does not say the pool is exhausted: " + check);
        }
        HealthReport.Check check = Health.readiness().check("attached:orders-db");
        assertEquals("UP", check.status(), check.toString());
    }
}
