package dev.attached.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.mail.Session;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.attached.AttachedResource;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

/**
 * Values that cannot work are refused with a message id naming the right key, at deployment and again at swap time,
 * where the serving resource stays undisturbed. No raw exception is ever the only explanation.
 */
class BadValuesTest {

    private static final String H2 = "jdbc:h2:mem:bad-values;DB_CLOSE_DELAY=-1";

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "health.timeout | 9999999999999999h | ATTACHED-013: attached.orders-db.health.timeout must be at most 1h, but is '9999999999999999h'",
            "health.timeout | PT2562047H | ATTACHED-013: attached.orders-db.health.timeout must be at most 1h, but is 'PT2562047H'",
            "health.timeout | 99999999999999999999s | ATTACHED-013: attached.orders-db.health.timeout must be at most 1h, but is '99999999999999999999s'",
            "drain-timeout | PT-5S | ATTACHED-013: attached.orders-db.drain-timeout must be more than 0, but is 'PT-5S'",
            "drain-timeout | 25h | ATTACHED-013: attached.orders-db.drain-timeout must be at most 24h, but is '25h'",
            "pool.acquisition-timeout | PT-5S | ATTACHED-012: attached.orders-db.pool.acquisition-timeout: must be more than 0, but is 'PT-5S' (kind datasource)",
            "pool.acquisition-timeout | 0 | ATTACHED-012: attached.orders-db.pool.acquisition-timeout: must be more than 0, but is '0' (kind datasource)",
            "pool.idle-timeout | PT-1S | ATTACHED-012: attached.orders-db.pool.idle-timeout: must not be negative, but is 'PT-1S' (kind datasource)",
            "pool.max-lifetime | 9999999999999999h | ATTACHED-012: attached.orders-db.pool.max-lifetime: must be at most 24h, but is '9999999999999999h' (kind datasource)",
            "pool.leak-timeout | soon | ATTACHED-012: attached.orders-db.pool.leak-timeout: 'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S) (kind datasource)",
            "connect-timeout | 9999999999999999h | ATTACHED-012: attached.orders-db.connect-timeout: must be at most 24h, but is '9999999999999999h' (kind datasource)",
            "pool.max-size | -1 | ATTACHED-012: attached.orders-db.pool.max-size: '-1' is not a whole number of 0 or more (kind datasource)",
            "pool.max-size | 99999999999 | ATTACHED-012: attached.orders-db.pool.max-size: '99999999999' is not a whole number of 0 or more (kind datasource)",
            "driver | java.lang.String | ATTACHED-012: attached.orders-db.driver: class java.lang.String is not a java.sql.Driver (kind datasource)",
            "driver | java.sql.Driver | ATTACHED-012: attached.orders-db.driver: class java.sql.Driver cannot be instantiated (it needs a public no-argument constructor and must not be abstract) (kind datasource)",
            "driver | org.postgresql.Driver | ATTACHED-012: attached.orders-db.driver: org.postgresql.Driver does not accept jdbc:h2 URLs (kind datasource)",
            "driver | com.example.NoSuchDriver | ATTACHED-012: attached.orders-db.driver: class com.example.NoSuchDriver is not on the application's class path (kind datasource)",
            "health.enabled | yes | ATTACHED-013: attached.orders-db.health.enabled 'yes' is not true or false",
            "url | postgres://db:99999/orders | ATTACHED-011: attached.orders-db.url has a port out of range (1 to 65535) at index 14",
            "url | postgres://db:0/orders | ATTACHED-011: attached.orders-db.url has a port out of range (1 to 65535) at index 14",
    })
    void aBadDataSourceValueFailsDeploymentNamingItsKey(String key, String value, String message) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> TestApp.with("attached.orders-db.url", H2,
                "attached.orders-db." + key, value).beans(Orders.class).start().close());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("could not be opened"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "health.timeout | 9999999999999999h | ATTACHED-013: attached.orders-db.health.timeout must be at most 1h, but is '9999999999999999h'",
            "drain-timeout | PT-5S | ATTACHED-013: attached.orders-db.drain-timeout must be more than 0, but is 'PT-5S'",
            "pool.acquisition-timeout | PT-5S | ATTACHED-012: attached.orders-db.pool.acquisition-timeout: must be more than 0, but is 'PT-5S' (kind datasource)",
            "connect-timeout | 9999999999999999h | ATTACHED-012: attached.orders-db.connect-timeout: must be at most 24h, but is '9999999999999999h' (kind datasource)",
            "driver | java.lang.String | ATTACHED-012: attached.orders-db.driver: class java.lang.String is not a java.sql.Driver (kind datasource)",
            "driver | org.postgresql.Driver | ATTACHED-012: attached.orders-db.driver: org.postgresql.Driver does not accept jdbc:h2 URLs (kind datasource)",
            "url | postgres://db:99999/orders | ATTACHED-011: attached.orders-db.url has a port out of range (1 to 65535) at index 14",
    })
    void theSameValueAtSwapTimeLeavesTheServingDatabaseAlone(String key, String value, String message)
            throws SQLException {
        try (TestApp app = TestApp.with("attached.orders-db.url", H2).beans(Orders.class).start()) {
            Orders orders = app.select(Orders.class);
            orders.createTable();
            orders.place(java.util.UUID.randomUUID().toString(), "lamp");
            ResourceStatus before = app.resources().status("orders-db");

            app.config().set("attached.orders-db." + key, value);
            ResourceStatus after = app.resources().refresh("orders-db");

            assertEquals(ResourceState.ATTACHED, after.state());
            assertEquals(before.generation(), after.generation());
            assertEquals(before.location(), after.location());
            assertTrue(after.lastError().orElse("").contains(message), after.lastError().toString());
            orders.place(java.util.UUID.randomUUID().toString(), "lamp"); // the serving database still serves
            assertEquals("UP", app.check("orders-db").getString("status"));
            assertTrue(app.check("orders-db").getJsonObject("data").getString("last-swap-error").contains(message));
        }
    }

    @Dependent
    public static class Mailer {
        @Inject
        @AttachedResource("mailer")
        Session mail;
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "url | smtp://relay:99999 | ATTACHED-011: attached.mailer.url has a port out of range (1 to 65535) at index 13",
            "url | smtp://relay:0 | ATTACHED-011: attached.mailer.url has a port out of range (1 to 65535) at index 13",
            "url | smtps://relay:-465 | ATTACHED-011: attached.mailer.url has a port that is not a number at index 14",
            "timeout | PT-5S | ATTACHED-012: attached.mailer.timeout: must be more than 0, but is 'PT-5S' (kind mail)",
            "connect-timeout | 0 | ATTACHED-012: attached.mailer.connect-timeout: must be more than 0, but is '0' (kind mail)",
            "connect-timeout | 9999999999999999h | ATTACHED-012: attached.mailer.connect-timeout: must be at most 24h, but is '9999999999999999h' (kind mail)",
            "starttls | sometimes | ATTACHED-012: attached.mailer.starttls: 'sometimes' is not one of opportunistic, required, off (kind mail)",
    })
    @DisabledIfSystemProperty(named = "attached.without-mail", matches = "true")
    void aBadMailValueFailsDeploymentNamingItsKey(String key, String value, String message) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> TestApp.with("attached.mailer.url",
                "smtp://relay.example.com:587", "attached.mailer." + key, value).beans(Mailer.class).start().close());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "attached.change-settle={0}")
    @CsvSource(delimiter = '|', value = {
            "soon | ATTACHED-014: attached.change-settle 'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)",
            "PT-1S | ATTACHED-014: attached.change-settle must not be negative, but is 'PT-1S'",
            "9999999999999999h | ATTACHED-014: attached.change-settle must be at most 24h, but is '9999999999999999h'",
    })
    void aBadGlobalSettingFailsDeploymentNamingItsKey(String value, String message) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> TestApp.with("attached.orders-db.url", H2,
                "attached.change-settle", value).beans(Orders.class).start().close());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "attached.config.poll={0}")
    @CsvSource(delimiter = '|', value = {
            "0 | ATTACHED-033: attached.config.poll must be more than 0, but is '0'; using 1s",
            "PT-1S | ATTACHED-033: attached.config.poll must be more than 0, but is 'PT-1S'; using 1s",
            "1 year | ATTACHED-033: attached.config.poll '1 year' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S); using 1s",
    })
    void aBadPollIntervalIsWarnedAboutAndTheDefaultUsed(String value, String message) {
        System.setProperty("attached.config.poll", value);
        try (LogCapture log = new LogCapture()) {
            assertEquals(java.time.Duration.ofSeconds(1), dev.attached.impl.source.SourceSettingsAccess.poll());
            assertTrue(log.contains(message), log.text());
        } finally {
            System.clearProperty("attached.config.poll");
        }
    }
}
