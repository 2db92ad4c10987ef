package dev.attached.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.agroal.api.AgroalDataSource;

import dev.attached.impl.runtime.GenerationGate;

/**
 * The hot path of every application that uses Attached: {@code getConnection()} and {@code close()}, with and without
 * a {@code SELECT 1}, through the injected DataSource ({@code subject=attached}: Weld SE booted with the extension,
 * the reference taken from an injected field) and through a bare Agroal pool configured the same way
 * ({@code subject=bare}, in the same container booted without the extension). Each subject runs in a JVM of its own,
 * so neither pollutes the other's profile. The subjects {@code bare+cache} (Attached's connection cache, which
 * counts every return) and {@code bare+gate} (that, and entering the gate before every borrowing: Attached's pool
 * reached directly) add copies of the parts of Attached's pool to the bare one, one at a time, to tell where the
 * overhead comes from.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConnectionBenchmark {

    @Param({"attached", "bare"})
    public String subject;

    @Param({"h2", "postgresql"})
    public String database;

    private DataSource db;
    private AgroalDataSource bare;
    private BenchApp app;

    @Setup
    public void open() throws SQLException {
        String url;
        String user;
        String password;
        if (database.equals("h2")) {
            url = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";
            user = "sa";
            password = "";
        } else {
            Databases.Server pg = Databases.postgres();
            url = pg.jdbcUrl(Databases.PG_A);
            user = pg.user();
            password = pg.password();
        }
        if (subject.equals("bare-beside-attached")) {
            // a diagnostic: the bare pool in a JVM that booted the extension and opened Attached's pool (unused), to
            // tell what the booted extension does to the JIT's view of shared code from what Attached's path costs
            String prefix = "attached." + OneDatabase.NAME + ".";
            app = BenchApp.start(Map.of(prefix + "url", url, prefix + "username", user, prefix + "password",
                    password), OneDatabase.class);
            bare = BareAgroal.open(url, user, password);
            db = bare;
        } else if (subject.equals("bare")) {
            // the same container as the Attached subject, without the extension: an application server's JVM has
            // it booted whatever the application uses, and what it loads shapes how the JIT compiles shared code
            app = BenchApp.start(false, Map.of(), NoDatabase.class);
            bare = BareAgroal.open(url, user, password);
            db = bare;
        } else if (subject.equals("bare+listener")) { // a diagnostic: what a pool listener costs
            app = BenchApp.start(false, Map.of(), NoDatabase.class);
            bare = BareAgroal.open(url, user, password, null, new EngineParts.QuietListener());
            db = bare;
        } else if (subject.startsWith("bare+")) { // the ladder: parts of Attached's pool added one by one
            app = BenchApp.start(false, Map.of(), NoDatabase.class);
            GenerationGate gate = new GenerationGate();
            bare = BareAgroal.open(url, user, password, new EngineParts.StripedCache(gate));
            db = subject.equals("bare+gate") ? new EngineParts.GatedPool(bare, gate) : bare;
        } else {
            String prefix = "attached." + OneDatabase.NAME + ".";
            app = BenchApp.start(Map.of(prefix + "url", url, prefix + "username", user, prefix + "password",
                    password), OneDatabase.class);
            db = app.select(OneDatabase.class).db();
        }
        getSelectClose(); // the first connection is opened here, not in the first iteration
    }

    @TearDown
    public void close() {
        if (bare != null) {
            bare.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Benchmark
    public Connection getClose() throws SQLException {
        Connection connection = db.getConnection();
        connection.close();
        return connection;
    }

    @Benchmark
    public int getSelectClose() throws SQLException {
        try (Connection connection = db.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
