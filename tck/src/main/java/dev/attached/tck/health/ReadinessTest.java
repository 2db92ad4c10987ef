package dev.attached.tck.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.attached.tck.kind.Echo;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.HealthReport;

/**
 * One readiness check per resource, named {@code attached:<name>}, found by the runtime's MicroProfile Health
 * implementation; its data holds at least {@code kind}, {@code location} (no credential) and {@code generation}.
 */
@ExtendWith(ArquillianExtension.class)
public class ReadinessTest {

    static final String SECRET = "Readiness-S3cret";

    @Deployment
    public static WebArchive deployment() {
        return Deployments.withEchoKind(Deployments.archive(ReadinessTest.class,
                "attached.orders-db.url=jdbc:h2:mem:tck-readiness;DB_CLOSE_DELAY=-1\n"
                        + "attached.echo.url=echo://tck:" + SECRET + "@alpha/v1\n"
                        // the first probe of a cold server loads the database engine: on a busy machine that may
                        // outlast the default 2s, and a DOWN for it would be right, but not what this test is about
                        + "attached.orders-db.health.timeout=30s\n"
                        + "attached.echo.health.timeout=30s\n",
                Application.class));
    }

    @ApplicationScoped
    public static class Application {
        @Inject
        @AttachedResource("orders-db")
        DataSource orders;

        @Inject
        @AttachedResource("echo")
        Echo echo;
    }

    @Test
    public void oneCheckPerResourceNamedAfterIt() {
        HealthReport readiness = Health.readiness();
        assertEquals(List.of("attached:echo", "attached:orders-db"), readiness.namesStartingWith("attached:"),
                readiness.toString());
        assertEquals("UP", readiness.status(), readiness.toString());
    }

    @Test
    public void dataHoldsKindLocationAndGeneration() {
        HealthReport readiness = Health.readiness();
        HealthReport.Check orders = readiness.check("attached:orders-db");
        assertEquals("UP", orders.status(), orders.toString());
        assertEquals("datasource", orders.text("kind").orElseThrow(), orders.toString());
        assertTrue(orders.text("location").orElseThrow().startsWith("jdbc:h2:mem:tck-readiness"), orders.toString());
        assertEquals(1, orders.number("generation"), orders.toString());

        HealthReport.Check echo = readiness.check("attached:echo");
        assertEquals("echo", echo.text("kind").orElseThrow(), echo.toString());
        assertEquals("echo://alpha/v1", echo.text("location").orElseThrow(), echo.toString());
        assertEquals(1, echo.number("generation"), echo.toString());
        assertFalse(readiness.text().contains(SECRET), readiness.toString());
        assertFalse(readiness.text().contains("tck:"), readiness.toString());
    }
}
