package dev.attached.tck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
import dev.attached.ResourceHandle;
import dev.attached.ResourceStatus;
import dev.attached.tck.Deployments;
import dev.attached.tck.support.Health;
import dev.attached.tck.support.HealthReport;
import dev.attached.tck.support.Ports;

/**
 * Database urls are accepted as a provider hands them out: JDBC urls and the platform {@code DATABASE_URL} style
 * with credentials in the userinfo. The databases are not there (a port nothing listens on): deployment still
 * succeeds, and readiness says DOWN. The runner puts the PostgreSQL, MariaDB and MySQL drivers on the class path.
 */
@ExtendWith(ArquillianExtension.class)
public class UrlFormsTest {

    static final String SECRET = "Url-Forms-S3cret";
    static Map<String, String> urls(int port) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("platform-postgres", "postgres://app:" + SECRET + "@127.0.0.1:" + port + "/orders");
        urls.put("platform-postgresql", "postgresql://app:" + SECRET + "@127.0.0.1:" + port + "/orders");
        urls.put("platform-mysql", "mysql://app:" + SECRET + "@127.0.0.1:" + port + "/orders");
        urls.put("platform-mariadb", "mariadb://app:" + SECRET + "@127.0.0.1:" + port + "/orders");
        urls.put("jdbc-postgresql", "jdbc:postgresql://127.0.0.1:" + port + "/orders");
        urls.put("jdbc-mariadb", "jdbc:mariadb://127.0.0.1:" + port + "/orders");
        urls.put("jdbc-mysql", "jdbc:mysql://127.0.0.1:" + port + "/orders");
        return urls;
    }

    @Deployment
    public static WebArchive deployment() {
        int port = Ports.free();
        StringBuilder config = new StringBuilder(Ports.entry("databases", port));
        urls(port)
                .forEach((name, url) -> config.append("attached.").append(name).append(".url=").append(url).append('\n')
                        .append("attached.").append(name).append(".health.timeout=2s\n"));
        config.append("attached.jdbc-postgresql.username=app\nattached.jdbc-postgresql.password=" + SECRET + "\n");
        return Deployments.archive(UrlFormsTest.class, config.toString(), Databases.class);
    }

    @ApplicationScoped
    public static class Databases {
        @Inject
        @AttachedResource("platform-postgres")
        DataSource platformPostgres;
        @Inject
        @AttachedResource("platform-postgresql")
        DataSource platformPostgresql;
        @Inject
        @AttachedResource("platform-mysql")
        DataSource platformMysql;
        @Inject
        @AttachedResource("platform-mariadb")
        DataSource platformMariadb;
        @Inject
        @AttachedResource("jdbc-postgresql")
        DataSource jdbcPostgresql;
        @Inject
        @AttachedResource("jdbc-mariadb")
        DataSource jdbcMariadb;
        @Inject
        @AttachedResource("jdbc-mysql")
        DataSource jdbcMysql;
        @Inject
        @AttachedResource("platform-postgres")
        ResourceHandle platformPostgresHandle;

        ResourceHandle platformPostgresHandle() {
            return platformPostgresHandle;
        }
    }

    @Inject
    Databases databases;

    @Inject
    AttachedResources resources;

    @Test
    public void everyFormIsADataSourceWhoseLocationShowsNoCredential() {
        int port = Ports.configured("databases");
        for (String name : urls(port).keySet()) {
            ResourceStatus status = resources.status(name);
            assertEquals("datasource", status.kind(), name);
            assertTrue(status.location().contains("127.0.0.1:" + port), name + ": " + status.location());
            assertTrue(status.location().endsWith("/orders"), name + ": " + status.location());
            assertFalse(status.location().contains("app") || status.location().contains(SECRET),
                    name + ": " + status.location());
            assertFalse(status.toString().contains(SECRET), status.toString());
        }
    }

    @Test
    public void platformCredentialsAreTakenFromTheUserinfo() {
        ResourceHandle handle = databases.platformPostgresHandle();
        assertEquals(Optional.of("app"), handle.username());
        assertEquals(Optional.of(SECRET), handle.password());
        assertEquals("127.0.0.1", handle.uri().getHost());
        assertEquals(null, handle.uri().getUserInfo());
    }

    @Test
    public void aDatabaseThatIsNotThereIsNotReady() {
        HealthReport readiness = Health.readiness();
        for (String name : urls(Ports.configured("databases")).keySet()) {
            HealthReport.Check check = readiness.check("attached:" + name);
            assertEquals("DOWN", check.status(), check.toString());
            assertEquals("datasource", check.text("kind").orElseThrow());
        }
        assertFalse(readiness.text().contains(SECRET), readiness.toString());
    }
}
