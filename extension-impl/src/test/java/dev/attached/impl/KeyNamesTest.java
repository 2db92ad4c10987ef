package dev.attached.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.TestApp;

/**
 * Keys are found however they are named and whenever they appear: a key that shows up during a rotation is part of
 * the swap (SmallRye Config caches the names it lists), and environment-style names of driver and mail properties are
 * recognised, or warned about.
 */
class KeyNamesTest {

    @Dependent
    public static class Db {
        @Inject
        @AttachedResource("orders-db")
        DataSource db;

        @Inject
        @AttachedResource("orders-db")
        ResourceHandle handle;
    }

    @Test
    void aKeyThatAppearsDuringARotationIsPartOfTheSwap() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:rotation-a").beans(Db.class).start()) {
            assertEquals("REGULAR", mode(app.select(Db.class).db));
            app.config().setAll(Map.of("attached.orders-db.url", "jdbc:h2:mem:rotation-b",
                    "attached.orders-db.jdbc.MODE", "PostgreSQL"));
            assertEquals(2, app.resources().refresh("orders-db").generation());
            assertEquals("PostgreSQL", mode(app.select(Db.class).db));
            assertEquals("PostgreSQL", app.select(Db.class).handle.property("jdbc.MODE").orElseThrow());
        }
    }

    @Test
    void aKeyThatAppearsAloneMakesASwapToo() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:appears").beans(Db.class).start()) {
            app.config().set("attached.orders-db.jdbc.MODE", "PostgreSQL");
            assertEquals(2, app.resources().refresh("orders-db").generation());
            assertEquals("PostgreSQL", mode(app.select(Db.class).db));
            app.config().remove("attached.orders-db.jdbc.MODE");
            assertEquals(3, app.resources().refresh("orders-db").generation()); // a key that goes is a change too
            assertEquals(java.util.Optional.empty(), app.select(Db.class).handle.property("jdbc.MODE"));
        }
    }

    @Test
    void environmentStyleNamesOfDriverAndMailPropertiesAreRecognised() throws Exception {
        EnvConfigSource environment = new EnvConfigSource(Map.of("ATTACHED_ORDERS_DB_URL", "jdbc:h2:mem:env",
                "ATTACHED_ORDERS_DB_JDBC_MODE", "PostgreSQL",
                "ATTACHED_ORDERS_DB_JDBC_SSLMODE", "require",
                "ATTACHED_ORDERS_DB_JDBC_CURRENTSCHEMA", "app",
                "ATTACHED_ORDERS_DB_MAIL_SMTP_LOCALHOST", "app.example.com",
                "ATTACHED_ORDERS_DB_API_VERSION", "7"), 300);
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with().source(environment).beans(Db.class).start()) {
            ResourceHandle handle = app.select(Db.class).handle;
            assertEquals("PostgreSQL", mode(app.select(Db.class).db));
            assertEquals("require", handle.property("jdbc.sslmode").orElseThrow());
            assertEquals("app", handle.property("jdbc.currentSchema").orElseThrow());
            assertEquals("app.example.com", handle.property("mail.smtp.localhost").orElseThrow());
            assertEquals("7", handle.property("api-version").orElseThrow()); // any key, as MP Config maps it
            assertFalse(log.contains("ATTACHED-015"), log.text());
        }
    }

    @Test
    void anEnvironmentStyleNameNoKeyMatchesIsWarnedAboutOnce() throws Exception {
        EnvConfigSource environment = new EnvConfigSource(Map.of("ATTACHED_ORDERS_DB_URL", "jdbc:h2:mem:typo",
                "ATTACHED_ORDERS_DB_POOL_MAXSIZE", "5",
                "ATTACHED_ORDERS_DB_JDBC_SOCKETFACTORYARG", "x"), 300);
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with().source(environment).beans(Db.class).start()) {
            app.resources().refresh("orders-db");
            assertTrue(log.contains("ATTACHED-015: ATTACHED_ORDERS_DB_POOL_MAXSIZE names no key of resource "
                    + "'orders-db' that Attached reads (did you mean ATTACHED_ORDERS_DB_POOL_MAX_SIZE?)"), log.text());
            assertTrue(log.contains("ATTACHED-015: ATTACHED_ORDERS_DB_JDBC_SOCKETFACTORYARG names a driver property "
                    + "Attached cannot spell from an environment variable: set attached.orders-db.jdbc.<property> "
                    + "with the driver's exact name"), log.text());
            assertEquals(1, log.text().split("ATTACHED_ORDERS_DB_POOL_MAXSIZE names", -1).length - 1, log.text());
            assertEquals(20, app.check("orders-db").getJsonObject("data").getInt("pool.max-size"));
        }
    }

    @Test
    void aResourceWhoseNameStartsAnotherIsNotConfusedWithIt() throws Exception {
        EnvConfigSource environment = new EnvConfigSource(Map.of("ATTACHED_ORDERS_URL", "jdbc:h2:mem:orders",
                "ATTACHED_ORDERS_DB_URL", "jdbc:h2:mem:orders-db"), 300);
        try (LogCapture log = new LogCapture();
                TestApp app = TestApp.with().source(environment).beans(Db.class, Orders.class).start()) {
            assertEquals("jdbc:h2:mem:orders", app.resources().status("orders").location());
            assertFalse(log.contains("ATTACHED-015"), log.text());
        }
    }

    @Dependent
    public static class Orders {
        @Inject
        @AttachedResource("orders")
        DataSource db;
    }

    private static String mode(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
