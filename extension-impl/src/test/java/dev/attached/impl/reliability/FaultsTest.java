package dev.attached.impl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.Load;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.RestartablePostgres;
import dev.attached.impl.testing.TestApp;

/**
 * Faults of a PostgreSQL the test controls (embedded, on its own port), under a load of committed inserts: killed
 * mid-transaction, paused and resumed, restarted on the same port, restarted on another port and swapped to. For
 * each: the time until readiness is DOWN and back UP (the goal is two {@code health.timeout}s), what the application
 * sees, and that no committed row is lost. Figures go to {@code target/reliability/faults.md}.
 */
@Timeout(180)
class FaultsTest {

    @RegisterExtension
    static RestartablePostgres postgres = new RestartablePostgres().withServerConfig("synchronous_commit", "on");

    static final long TIMEOUT_MILLIS = 1000;
    static final String HEADER = "| fault | readiness DOWN after the fault | readiness UP after recovery | "
            + "what the application saw | committed rows lost |";

    @BeforeEach
    void freshDatabase() throws SQLException {
        postgres.recreateDatabase("faults");
    }

    static TestApp app(String url) {
        return TestApp.with("attached.orders-db.url", url, "attached.orders-db.health.timeout", "1s",
                "attached.orders-db.connect-timeout", "2s", "attached.orders-db.pool.acquisition-timeout", "3s",
                "attached.orders-db.pool.max-size", "10").beans(Orders.class).start();
    }

    @Test
    void killedMidTransaction() throws Exception {
        try (TestApp app = app(postgres.platformUrl("faults"));
                ReadinessWatch watch = new ReadinessWatch(app, "orders-db")) {
            DataSource db = app.select(Orders.class).dataSource();
            assertTrue(watch.await("UP", System.nanoTime(), 10_000));
            Load load = new Load(db, 4);
            load.awaitCommits(200);
            Connection open = db.getConnection();
            open.setAutoCommit(false);
            insert(open, -1);

            long fault = System.nanoTime();
            new PostgresProcesses(postgres.dataDirectory()).signal("KILL");
            String commit;
            try {
                open.commit();
                commit = "the open transaction committed";
            } catch (SQLException e) {
                commit = "the open transaction's commit threw " + e.getClass().getSimpleName();
            }
            closeQuietly(open);
            assertTrue(watch.await("DOWN", fault, 10_000), "never DOWN");
            Thread.sleep(1000);
            try {
                postgres.stop(); // lets the embedded server's lock go; the processes are gone already
            } catch (Exception e) {
                // expected: pg_ctl finds nothing to stop
            }
            long recovery = System.nanoTime();
            postgres.start();
            assertTrue(watch.await("UP", recovery, 30_000), "never UP again");
            load.awaitCommits(100);
            load.close();

            Set<Long> present = ids(postgres.port());
            assertFalse(present.contains(-1L), "the uncommitted row is there");
            report("killed mid-transaction (SIGKILL of every server process)", watch, fault, recovery, load, present,
                    commit);
        }
    }

    @Test
    void pausedAndResumed() throws Exception {
        try (TestApp app = app(postgres.platformUrl("faults"));
                ReadinessWatch watch = new ReadinessWatch(app, "orders-db")) {
            DataSource db = app.select(Orders.class).dataSource();
            assertTrue(watch.await("UP", System.nanoTime(), 10_000));
            Load load = new Load(db, 4);
            load.awaitCommits(200);
            PostgresProcesses processes = new PostgresProcesses(postgres.dataDirectory());
            long fault = System.nanoTime();
            processes.signal("STOP");
            long recovery;
            try {
                assertTrue(watch.await("DOWN", fault, 10_000), "never DOWN");
                Thread.sleep(3000);
            } finally {
                recovery = System.nanoTime();
                processes.signal("CONT");
            }
            assertTrue(watch.await("UP", recovery, 30_000), "never UP again");
            load.awaitCommits(100);
            load.close();
            report("paused 3 s (SIGSTOP), then resumed (SIGCONT)", watch, fault, recovery, load,
                    ids(postgres.port()), "");
        }
    }

    @Test
    void restartedOnTheSamePort() throws Exception {
        try (TestApp app = app(postgres.platformUrl("faults"));
                ReadinessWatch watch = new ReadinessWatch(app, "orders-db")) {
            DataSource db = app.select(Orders.class).dataSource();
            assertTrue(watch.await("UP", System.nanoTime(), 10_000));
            Load load = new Load(db, 4);
            load.awaitCommits(200);
            long fault = System.nanoTime();
            postgres.stop();
            assertTrue(watch.await("DOWN", fault, 10_000), "never DOWN");
            Thread.sleep(1000);
            long recovery = System.nanoTime();
            postgres.start();
            assertTrue(watch.await("UP", recovery, 30_000), "never UP again");
            load.awaitCommits(100);
            load.close();
            report("stopped (fast shutdown), restarted on the same port 1 s later", watch, fault, recovery, load,
                    ids(postgres.port()), "");
        }
    }

    @Test
    void restartedOnAnotherPortAndSwappedTo() throws Exception {
        EmbeddedPostgres moved = null;
        try (TestApp app = app(postgres.platformUrl("faults"));
                ReadinessWatch watch = new ReadinessWatch(app, "orders-db")) {
            DataSource db = app.select(Orders.class).dataSource();
            assertTrue(watch.await("UP", System.nanoTime(), 10_000));
            Load load = new Load(db, 4);
            load.awaitCommits(200);
            long fault = System.nanoTime();
            postgres.stop();
            assertTrue(watch.await("DOWN", fault, 10_000), "never DOWN");
            moved = EmbeddedPostgres.builder().setDataDirectory(postgres.dataDirectory())
                    .setCleanDataDirectory(false).setServerConfig("synchronous_commit", "on").start();
            long recovery = System.nanoTime(); // the operator writes the new address
            app.config().set("attached.orders-db.url",
                    "postgres://postgres:" + Canary.PASSWORD + "@localhost:" + moved.getPort() + "/faults");
            assertTrue(watch.await("UP", recovery, 30_000), "never UP again");
            long swapped = waitForGeneration(app, 2);
            load.awaitCommits(100);
            load.close();
            report("stopped, restarted on another port, url swapped to it (swap done " + (swapped - recovery)
                    / 1_000_000 + " ms after the url was written)", watch, fault, recovery, load,
                    ids(moved.getPort()), "");
        } finally {
            if (moved != null) {
                moved.close();
            }
            postgres.start();
        }
    }

    private static long waitForGeneration(TestApp app, long generation) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (app.resources().status("orders-db").generation() < generation && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(generation, app.resources().status("orders-db").generation());
        return System.nanoTime();
    }

    /** Checks no committed row is lost and nothing leaked the canary, and writes the row of the report. */
    private static void report(String fault, ReadinessWatch watch, long faultNanos, long recoveryNanos, Load load,
            Set<Long> present, String extra) {
        Set<Long> lost = new HashSet<>(load.committed());
        lost.removeAll(present);
        long down = watch.millisUntil("DOWN", faultNanos);
        long up = watch.millisUntil("UP", recoveryNanos);
        Map<String, Long> failures = load.failures().stream()
                .collect(Collectors.groupingBy(FaultsTest::kindOf, TreeMap::new, Collectors.counting()));
        String saw = (extra.isEmpty() ? "" : extra + "; ") + load.committed().size() + " inserts committed, "
                + load.failures().size() + " failed fast" + (failures.isEmpty() ? "" : ": " + failures)
                + "; readiness said " + watch.errors(faultNanos).stream().limit(2).toList();
        assertFalse(saw.contains(Canary.PASSWORD), saw);
        Report.row("faults", HEADER, fault, down + " ms", up + " ms", saw, lost.size() + " of "
                + load.committed().size());
        assertEquals(Set.of(), lost, "committed rows lost");
        assertTrue(down <= 2 * TIMEOUT_MILLIS + 1000, "DOWN after " + down + " ms");
        assertTrue(up <= 2 * TIMEOUT_MILLIS + 1000, "UP after " + up + " ms");
    }

    private static String kindOf(Throwable e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        int cut = message.indexOf('.');
        return e.getClass().getSimpleName() + ": " + (cut > 0 && cut < 80 ? message.substring(0, cut) : message)
                .replaceAll("\\d+", "N");
    }

    private static void insert(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO load_rows (id, started_at) VALUES (?, 0)")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    private static Set<Long> ids(int port) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/faults",
                "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM load_rows")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // the server is gone
        }
    }
}
