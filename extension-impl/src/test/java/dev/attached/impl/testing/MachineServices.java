package dev.attached.impl.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust auth) and MariaDB (127.0.0.1:3306, root without password), used
 * by tests that run only in the {@code ci-services} Maven profile.
 */
public final class MachineServices {

    public static final String ENABLED_PROPERTY = "attached.services";
    public static final String POSTGRES_JDBC = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String MARIADB_USER = "attached";

    private MachineServices() {
    }

    /** A MariaDB user whose password is the canary, so authentication really uses it. */
    public static void createMariaDbUser() throws SQLException {
        try (Connection root = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
                Statement s = root.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS '" + MARIADB_USER + "'@'%' IDENTIFIED BY '" + Canary.PASSWORD + "'");
            s.execute("CREATE USER IF NOT EXISTS '" + MARIADB_USER + "'@'localhost' IDENTIFIED BY '"
                    + Canary.PASSWORD + "'");
            s.execute("ALTER USER '" + MARIADB_USER + "'@'%' IDENTIFIED BY '" + Canary.PASSWORD + "'");
            s.execute("ALTER USER '" + MARIADB_USER + "'@'localhost' IDENTIFIED BY '" + Canary.PASSWORD + "'");
            s.execute("GRANT ALL ON test.* TO '" + MARIADB_USER + "'@'%'");
            s.execute("GRANT ALL ON test.* TO '" + MARIADB_USER + "'@'localhost'");
        }
    }

    public static String mariaDbPlatformUrl(String scheme) {
        return scheme + "://" + MARIADB_USER + ":" + Canary.PASSWORD + "@127.0.0.1:3306/test";
    }
}
