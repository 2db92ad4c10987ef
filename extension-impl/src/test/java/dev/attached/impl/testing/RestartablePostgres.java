package dev.attached.impl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL a test can stop and start again on the same port and data, as an outage would. Register it
 * with {@code @RegisterExtension static}: it starts before the class's tests and stops after them.
 */
public final class RestartablePostgres implements BeforeAllCallback, AfterAllCallback {

    private final Path dataDirectory;
    private final java.util.Map<String, String> serverConfig = new java.util.LinkedHashMap<>();
    private int port;
    private EmbeddedPostgres postgres;

    public RestartablePostgres() {
        try {
            dataDirectory = Files.createTempDirectory("attached-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
        port = postgres.getPort();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        postgres.close();
    }

    /**
     * A server setting besides the embedded defaults. Those include {@code synchronous_commit=off}: fast, but a commit
     * is acknowledged before it is written, so a killed server loses commits the application saw succeed. A test
     * that kills the server and counts rows sets it {@code on}.
     */
    public RestartablePostgres withServerConfig(String key, String value) {
        serverConfig.put(key, value);
        return this;
    }

    public synchronized void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        serverConfig.forEach(builder::setServerConfig);
        if (port != 0) {
            builder.setPort(port);
        }
        postgres = builder.start();
    }

    public synchronized void stop() throws IOException {
        postgres.close();
    }

    public int port() {
        return port;
    }

    /** The data directory: {@code postmaster.pid} in it names the server's process. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A platform-style URL, as a DATABASE_URL would give it; trust auth accepts any password. */
    public String platformUrl(String database) {
        return "postgres://postgres:" + Canary.PASSWORD + "@localhost:" + port + "/" + database;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Runs statements as the superuser, outside any pool under test. */
    public void execute(String database, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), "postgres", "");
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    public long queryLong(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Creates a database anew, with the load table. */
    public void recreateDatabase(String name) throws SQLException {
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name);
        execute(name, Load.ddl());
    }

    /** Server-side connections to a database, other than the one asking: what pg_stat_activity shows. */
    public long connectionsTo(String database) throws SQLException {
        return queryLong("postgres", "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '" + database
                + "' AND pid <> pg_backend_pid()");
    }

    /** Makes one role authenticate with its password (scram) over TCP; every other role keeps trust. */
    public void requirePasswordFor(String role) throws IOException, SQLException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        String rules = "host all " + role + " 127.0.0.1/32 scram-sha-256\nhost all " + role
                + " ::1/128 scram-sha-256\n";
        String current = Files.readString(hba);
        if (!current.startsWith(rules)) {
            Files.writeString(hba, rules + current);
        }
        execute("postgres", "SELECT pg_reload_conf()");
    }

}
