package dev.attached.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust) and MariaDB (127.0.0.1:3306, root without a password), as the
 * ci-services profile provides them: fresh databases for the sample and a MariaDB user whose password is a canary.
 */
final class MachineDatabases {

    static final String POSTGRES_DB = "attached_sample";
    static final String MARIADB_USER = "attached_sample";
    static final String MARIADB_DB_PREFIX = "attached_sample_";

    private final String mariadbPassword;

    MachineDatabases(String mariadbPassword) {
        this.mariadbPassword = mariadbPassword;
    }

    /** Drops and creates the PostgreSQL database, the MariaDB databases, and the MariaDB user. */
    void prepare(String... mariadbDatabases) throws SQLException {
        try (Connection c = postgres("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + POSTGRES_DB + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + POSTGRES_DB);
        }
        try (Connection c = mariadbRoot(); Statement s = c.createStatement()) {
            for (String db : mariadbDatabases) {
                s.execute("DROP DATABASE IF EXISTS " + db);
                s.execute("CREATE DATABASE " + db);
            }
            // TCP from 127.0.0.1 is seen as localhost or 127.0.0.1, depending on name resolution
            for (String host : new String[]{"localhost", "127.0.0.1", "%"}) {
                s.execute("DROP USER IF EXISTS '" + MARIADB_USER + "'@'" + host + "'");
                s.execute("CREATE USER '" + MARIADB_USER + "'@'" + host + "' IDENTIFIED BY '" + mariadbPassword
                        + "'");
            }
            grant(s, "GRANT");
        }
    }

    /**
     * Cuts the sample's user off: its rights are revoked (which binds only new connections) and its open
     * connections killed, so its next statement fails and so does every new connection ("Access denied").
     */
    void cutOff() throws SQLException {
        try (Connection c = mariadbRoot(); Statement s = c.createStatement()) {
            grant(s, "REVOKE");
            List<Long> sessions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + MARIADB_USER + "'")) {
                while (rs.next()) {
                    sessions.add(rs.getLong(1));
                }
            }
            for (long id : sessions) {
                try {
                    s.execute("KILL CONNECTION " + id);
                } catch (SQLException gone) {
                    // closed by itself since it was listed
                }
            }
        }
    }

    void restore() throws SQLException {
        try (Connection c = mariadbRoot(); Statement s = c.createStatement()) {
            grant(s, "GRANT");
        }
    }

    long countInPostgres() throws SQLException {
        try (Connection c = postgres(POSTGRES_DB)) {
            return count(c);
        }
    }

    long countInMariadb(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + database, "root", "")) {
            return count(c);
        }
    }

    private static void grant(Statement s, String verb) throws SQLException {
        String preposition = verb.equals("GRANT") ? " TO " : " FROM ";
        for (String host : new String[]{"localhost", "127.0.0.1", "%"}) {
            s.execute(verb + " ALL PRIVILEGES ON `" + MARIADB_DB_PREFIX.replace("_", "\\_") + "%`.*" + preposition
                    + "'" + MARIADB_USER + "'@'" + host + "'");
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection postgres(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
    }

    private static Connection mariadbRoot() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
    }
}
