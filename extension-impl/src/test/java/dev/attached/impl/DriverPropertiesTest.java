package dev.attached.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.attached.ResourceStatus;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;
import dev.attached.impl.testing.TrapSocketFactory;

/**
 * A URL pasted from a provider carries location, database, credentials and harmless options. Driver properties that
 * load classes, read local files, deserialize or run code are refused there, naming the key to set them deliberately.
 */
class DriverPropertiesTest {

    private static final String TRAP = TrapSocketFactory.class.getName();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://127.0.0.1:1/x?socketFactory=TRAP | socketFactory",
            "jdbc:postgresql://127.0.0.1:1/x?sslmode=require&SocketFactory=TRAP | SocketFactory",
            "jdbc:postgresql://127.0.0.1:1/x?socket%46actory=TRAP | socketFactory",
            "postgres://app:pw@127.0.0.1:1/x?sslfactory=TRAP | sslfactory",
            "postgres://127.0.0.1:1/x?loggerFile=/tmp/attached-trap.log | loggerFile",
            "postgres://127.0.0.1:1/x?authenticationPluginClassName=TRAP | authenticationPluginClassName",
            "jdbc:mariadb://127.0.0.1:1/x?allowLoadLocalInfile=true | allowLoadLocalInfile",
            "mysql://127.0.0.1:1/x?autoDeserialize=true | autoDeserialize",
            "mariadb://127.0.0.1:1/x?allowMultiQueries=true | allowMultiQueries",
            "jdbc:h2:mem:trap;INIT=RUNSCRIPT FROM 'http://127.0.0.1:1/x.sql' | INIT",
            "jdbc:h2:mem:trap;DATABASE_EVENT_LISTENER='TRAP' | DATABASE_EVENT_LISTENER",
    })
    void dangerousDriverPropertiesInAUrlAreRefused(String url, String property) {
        int before = TrapSocketFactory.INSTANCES.get();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> TestApp.with("attached.orders-db.url", url.replace("TRAP", TRAP)).beans(Orders.class).start()
                        .close());
        assertTrue(e.getMessage().contains("ATTACHED-012: attached.orders-db.url: the URL sets driver property '"
                + property + "', which a URL may not set; to set it on purpose, use attached.orders-db.jdbc."
                + property), e.getMessage());
        assertEquals(before, TrapSocketFactory.INSTANCES.get(), "the driver was made to load a class");
    }

    @Test
    void theSameUrlAtSwapTimeLeavesTheServingDatabaseAloneAndLoadsNothing() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:policy-swap").beans(Orders.class)
                .start()) {
            int before = TrapSocketFactory.INSTANCES.get();
            app.config().set("attached.orders-db.url", "jdbc:postgresql://127.0.0.1:1/x?socketFactory=" + TRAP);
            ResourceStatus status = app.resources().refresh("orders-db");
            assertEquals(1, status.generation());
            assertEquals("jdbc:h2:mem:policy-swap", status.location());
            assertTrue(status.lastError().orElseThrow().contains("driver property 'socketFactory'"),
                    status.lastError().get());
            assertEquals("H2", app.select(Orders.class).product());
            assertEquals(before, TrapSocketFactory.INSTANCES.get(), "the driver was made to load a class");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://127.0.0.1:1/x?sslmode=disable&currentSchema=app&ApplicationName=orders&connectTimeout=3",
            "postgres://u:p@127.0.0.1:1/x?sslmode=require&channel_binding=require",
            "jdbc:mariadb://127.0.0.1:1/x?sslMode=verify-full&connectTimeout=3000&useSsl=true",
            "jdbc:h2:mem:harmless;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
    })
    void harmlessOptionsAsProvidersGiveThemAreAccepted(String url) {
        try (TestApp app = TestApp.with("attached.orders-db.url", url).beans(Orders.class).start()) {
            assertEquals(1, app.resources().status("orders-db").generation());
        }
    }

    @Test
    void theDeliberateWayStillWorks() throws Exception {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:deliberate",
                "attached.orders-db.jdbc.MODE", "PostgreSQL").beans(Orders.class).start();
                Connection c = app.select(Orders.class).dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                        + "WHERE SETTING_NAME = 'MODE'")) {
            rs.next();
            assertEquals("PostgreSQL", rs.getString(1));
        }
    }

    @Test
    void addressFormsCannotCarryCredentialsOrOptionsPastThePolicy() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> TestApp.with("attached.orders-db.url",
                "jdbc:mysql://address=(host=127.0.0.1)(port=1)(allowLoadLocalInfile=true)/x").beans(Orders.class)
                .start().close());
        assertTrue(e.getMessage().contains("driver property 'allowLoadLocalInfile'"), e.getMessage());
    }
}
