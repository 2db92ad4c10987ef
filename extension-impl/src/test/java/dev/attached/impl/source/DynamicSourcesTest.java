package dev.attached.impl.source;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.KubernetesMount;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.RestartablePostgres;
import dev.attached.impl.testing.SwapRecorder;
import dev.attached.impl.testing.TestApp;

/** The built-in dynamic sources, written to as Kubernetes writes them. */
class DynamicSourcesTest {

    @RegisterExtension
    static RestartablePostgres postgres = new RestartablePostgres();

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabases() throws Exception {
        postgres.recreateDatabase("db_a");
        postgres.recreateDatabase("db_b");
    }

    @Test
    void aSecretUpdatedTheKubernetesWayMakesExactlyOneSwap() throws Exception {
        KubernetesMount secret = new KubernetesMount(dir.resolve("secret"));
        secret.write(Map.of("attached.orders-db.url", postgres.jdbcUrl("db_a"),
                "attached.orders-db.username", "postgres", "attached.orders-db.password", Canary.PASSWORD));
        DirectoryConfigSource source = new DirectoryConfigSource(secret.folder(), 450, Duration.ofMillis(100));
        try (TestApp app = TestApp.with().source(source).beans(Orders.class, SwapRecorder.class).start()) {
            assertEquals("db_a", currentDatabase(app.select(Orders.class).dataSource()));

            secret.write(Map.of("attached.orders-db.url", postgres.jdbcUrl("db_b"),
                    "attached.orders-db.username", "postgres", "attached.orders-db.password",
                    "new-" + Canary.PASSWORD));
            SwapRecorder events = app.select(SwapRecorder.class);
            await().atMost(10, SECONDS).until(() -> events.swapped().size() == 1);
            Thread.sleep(1500); // polls and settles several times over: a second swap would show
            assertEquals(1, events.swapped().size());
            assertEquals(0, events.failed().size());
            assertEquals("db_b", currentDatabase(app.select(Orders.class).dataSource()));
        }
    }

    @Test
    void filesMayBeNamedLikeEnvironmentVariables() throws Exception {
        Files.writeString(dir.resolve("ATTACHED_ORDERS_DB_URL"), postgres.jdbcUrl("db_a") + "\n");
        Files.writeString(dir.resolve("ATTACHED_ORDERS_DB_USERNAME"), "postgres");
        DirectoryConfigSource source = new DirectoryConfigSource(dir, 450, Duration.ofMillis(100));
        try (TestApp app = TestApp.with().source(source).beans(Orders.class, SwapRecorder.class).start()) {
            assertEquals("db_a", currentDatabase(app.select(Orders.class).dataSource()));
            Files.writeString(dir.resolve("ATTACHED_ORDERS_DB_URL"), postgres.jdbcUrl("db_b"));
            await().atMost(10, SECONDS).until(() -> app.resources().status("orders-db").generation() == 2);
            assertEquals("db_b", currentDatabase(app.select(Orders.class).dataSource()));
        }
    }

    @Test
    void aServiceBindingAttachesAResourceAndItsUpdateSwapsIt() throws Exception {
        KubernetesMount binding = new KubernetesMount(dir.resolve("bindings").resolve("orders-db"));
        binding.write(Map.of("type", "postgresql", "host", "localhost", "port", String.valueOf(postgres.port()),
                "database", "db_a", "username", "postgres", "password", Canary.PASSWORD));
        ServiceBindingConfigSource source = new ServiceBindingConfigSource(dir.resolve("bindings"), 270,
                Duration.ofMillis(100));
        assertEquals("postgres://localhost:" + postgres.port() + "/db_a", source.getValue("attached.orders-db.url"));
        try (TestApp app = TestApp.with().source(source).beans(Orders.class, SwapRecorder.class).start()) {
            assertEquals("db_a", currentDatabase(app.select(Orders.class).dataSource()));
            assertEquals("UP", app.check("orders-db").getString("status"));

            binding.write(Map.of("type", "postgresql", "uri", "postgres://postgres:" + Canary.PASSWORD
                    + "@localhost:" + postgres.port() + "/db_b"));
            await().atMost(10, SECONDS).until(() -> app.select(SwapRecorder.class).swapped().size() == 1);
            assertEquals("db_b", currentDatabase(app.select(Orders.class).dataSource()));
        }
    }

    @Test
    void theProviderSwitchesSourcesOnBySystemProperty() throws Exception {
        System.setProperty("attached.config.dir", dir.toString());
        System.setProperty("attached.service-binding-root", dir.resolve("bindings").toString());
        try {
            List<ConfigSource> sources = new java.util.ArrayList<>();
            new AttachedConfigSources().getConfigSources(getClass().getClassLoader()).forEach(sources::add);
            assertEquals(2, sources.size());
            assertTrue(sources.get(0) instanceof DirectoryConfigSource);
            assertEquals(450, sources.get(0).getOrdinal());
            assertTrue(sources.get(1) instanceof ServiceBindingConfigSource);
            assertEquals(270, sources.get(1).getOrdinal());
        } finally {
            System.clearProperty("attached.config.dir");
            System.clearProperty("attached.service-binding-root");
        }
    }

    private static String currentDatabase(DataSource db) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
