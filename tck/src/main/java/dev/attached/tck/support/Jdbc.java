package dev.attached.tck.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** Plain JDBC for the tests: statements, one-value queries, and a direct look into an H2 database. */
public final class Jdbc {

    private Jdbc() {
    }

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    public static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, sql);
        }
    }

    public static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rows.getString(1);
        }
    }

    public static String query(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, sql);
        }
    }

    /** A connection of the test's own to an H2 database, not through Attached. */
    public static Connection direct(String url) throws SQLException {
        try {
            // in a WAR, H2 sits in WEB-INF/lib, where DriverManager's own look-up does not see it
            Class.forName("org.h2.Driver", true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("H2 (com.h2database:h2) must be on the deployment's class path", e);
        }
        return DriverManager.getConnection(url);
    }

    /** How many sessions other than {@code observer}'s are open on the H2 database {@code observer} is in. */
    public static int otherSessions(Connection observer) throws SQLException {
        return Integer.parseInt(query(observer, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) - 1;
    }

    /** A new in-memory H2 database that lives until the JVM ends, with a table saying its name. */
    public static String database(String name) throws SQLException {
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        try (Connection connection = direct(url)) {
            execute(connection, "CREATE TABLE IF NOT EXISTS whoami (name VARCHAR(64))");
            execute(connection, "DELETE FROM whoami");
            execute(connection, "INSERT INTO whoami VALUES ('" + name + "')");
            execute(connection, "CREATE TABLE IF NOT EXISTS orders (item VARCHAR(64))");
        }
        return url;
    }

    /** The name of the database {@link #database} made that a connection reaches. */
    public static String whoami(Connection connection) throws SQLException {
        return query(connection, "SELECT name FROM whoami");
    }

    public static String whoami(DataSource dataSource) throws SQLException {
        return query(dataSource, "SELECT name FROM whoami");
    }
}
