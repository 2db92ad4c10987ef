package dev.attached.impl.kind;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import dev.attached.impl.Messages;
import dev.attached.impl.config.Handle;

/** Turns what users paste (a JDBC URL or a platform {@code DATABASE_URL}) into a JDBC URL and finds its driver. */
final class JdbcUrls {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(JdbcUrls.class.getName());

    /** Platform schemes, as in Heroku's or Render's DATABASE_URL, and their JDBC subprotocol. */
    private static final Map<String, String> PLATFORM = Map.of(
            "postgres", "postgresql",
            "postgresql", "postgresql",
            "mysql", "mysql",
            "mariadb", "mariadb");

    private JdbcUrls() {
    }

    static boolean fits(String scheme) {
        return scheme.startsWith("jdbc:") || PLATFORM.containsKey(scheme);
    }

    /** The JDBC URL, without credentials: Attached passes those to the driver separately. */
    static String toJdbc(Handle handle) {
        String text = handle.url().text();
        String scheme = handle.scheme();
        if (scheme.startsWith("jdbc:")) {
            return text;
        }
        String subprotocol = PLATFORM.get(scheme);
        String rest = text.substring(scheme.length());
        String jdbc = "jdbc:" + subprotocol + rest;
        if (subprotocol.equals("mysql") && driverFor(jdbc).isEmpty()) {
            // A mysql:// DATABASE_URL with MariaDB's driver on the class path: MariaDB speaks the same protocol.
            String mariadb = "jdbc:mariadb" + rest;
            if (driverFor(mariadb).isPresent()) {
                return mariadb;
            }
        }
        return jdbc;
    }

    /** {@code jdbc:postgresql} of {@code jdbc:postgresql://host/db}. */
    static String subprotocol(String jdbcUrl) {
        int colon = jdbcUrl.indexOf(':', "jdbc:".length());
        return colon < 0 ? jdbcUrl : jdbcUrl.substring(0, colon);
    }

    /**
     * The driver that accepts a URL, looked up with the application's class loader first (drivers in WEB-INF/lib),
     * among the drivers it was found to have at its first lookup.
     */
    static Optional<Driver> driverFor(String jdbcUrl) {
        for (Driver driver : JdbcDrivers.found(Thread.currentThread().getContextClassLoader())) {
            try {
                if (driver.acceptsURL(jdbcUrl)) {
                    return Optional.of(driver);
                }
            } catch (SQLException | LinkageError e) {
                // a broken or unrelated driver on the class path: keep looking
                LOG.warning(() -> Messages.driverSkipped(e));
            }
        }
        try {
            return Optional.of(DriverManager.getDriver(jdbcUrl));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
