package dev.attached.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.MachineServices;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

/** The same application code on the machine's PostgreSQL and MariaDB; only configuration differs. */
@EnabledIfSystemProperty(named = MachineServices.ENABLED_PROPERTY, matches = "true")
class MachineDatabasesTest {

    @BeforeAll
    static void createUser() throws Exception {
        MachineServices.createMariaDbUser();
    }

    @Test
    void postgresByJdbcUrlAndCredentialKeys() throws Exception {
        runOrders("PostgreSQL", "attached.orders-db.url", MachineServices.POSTGRES_JDBC,
                "attached.orders-db.username", "postgres", "attached.orders-db.password", Canary.PASSWORD);
    }

    @Test
    void mariaDbByPlatformUrl() throws Exception {
        runOrders("MariaDB", "attached.orders-db.url", MachineServices.mariaDbPlatformUrl("mariadb"));
    }

    /** MySQL Connector/J is on the tests' class path, so a mysql:// URL uses it (MariaDB speaks the protocol). */
    @Test
    void mysqlPlatformUrlUsesTheMySqlDriver() throws Exception {
        runOrders("MySQL", "attached.orders-db.url", MachineServices.mariaDbPlatformUrl("mysql"));
    }

    @Test
    void wrongMariaDbPasswordIsDownAndMasked() throws Exception {
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with("attached.orders-db.url", "mariadb://attached:wrong-" + Canary.PASSWORD
                        + "@127.0.0.1:3306/test").beans(Orders.class).start()) {
            JsonObject check = app.check("orders-db");
            assertEquals("DOWN", check.getString("status"));
            assertTrue(check.getJsonObject("data").getString("error").contains("Access denied"), check.toString());
            assertFalse(check.toString().contains(Canary.PASSWORD));
            assertFalse(log.contains(Canary.PASSWORD));
        }
    }

    @Test
    void swapFromThePostgresToTheMariaDbUnderTheSameCode() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", MachineServices.POSTGRES_JDBC,
                "attached.orders-db.username", "postgres").beans(Orders.class).start()) {
            Orders orders = app.select(Orders.class);
            orders.createTable();
            orders.place(UUID.randomUUID().toString(), "before");
            assertEquals("PostgreSQL", orders.product());

            app.config().setAll(java.util.Map.of("attached.orders-db.url",
                    MachineServices.mariaDbPlatformUrl("mariadb"), "attached.orders-db.username",
                    MachineServices.MARIADB_USER));
            assertEquals(2, app.resources().refresh("orders-db").generation());
            assertEquals("MariaDB", orders.product());
            orders.createTable();
            int before = orders.count();
            orders.place(UUID.randomUUID().toString(), "after");
            assertEquals(before + 1, orders.count());
            assertEquals("UP", app.check("orders-db").getString("status"));
        }
    }

    private static void runOrders(String product, String... config) throws Exception {
        try (LogCapture log = new LogCapture(); TestApp app = TestApp.with(config).beans(Orders.class).start()) {
            Orders orders = app.select(Orders.class);
            orders.createTable();
            int before = orders.count();
            orders.place(UUID.randomUUID().toString(), "chair");
            assertEquals(before + 1, orders.count());
            assertEquals(product, orders.product());
            JsonObject check = app.check("orders-db");
            assertEquals("UP", check.getString("status"), check.toString());
            assertFalse(check.toString().contains(Canary.PASSWORD));
            assertFalse(log.contains(Canary.PASSWORD), "canary in logs");
        }
    }
}
