package dev.attached.impl;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;
import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.Load;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.RestartablePostgres;
import dev.attached.impl.testing.SwapRecorder;
import dev.attached.impl.testing.TestApp;

/** Live swaps of a PostgreSQL database under load: make before break, drain, zero failed operations. */
class SwapTest {

    static final String URL = "attached.orders-db.url";

    @RegisterExtension
    static RestartablePostgres postgres = new RestartablePostgres();

    @BeforeEach
    void freshDatabases() throws SQLException {
        postgres.recreateDatabase("db_a");
        postgres.recreateDatabase("db_b");
    }

    static TestApp appOn(String database, String... more) {
        return TestApp.with(URL, postgres.jdbcUrl(database), "attached.orders-db.username", "postgres",
                "attached.orders-db.password", Canary.PASSWORD, "attached.orders-db.drain-timeout", "10s",
                // these tests are about what a swap does, not how fast a loaded CI machine answers a probe
                "attached.orders-db.health.timeout", "10s")
                .config(more).beans(Orders.class, SwapRecorder.class).start();
    }

    static DataSource db(TestApp app) {
        return app.select(Orders.class).dataSource();
    }

    @Test
    void swapUnderLoadLosesNothingAndNewWorkLandsOnTheNewDatabase() throws Exception {
        try (TestApp app = appOn("db_a")) {
            long cutover;
            Set<Long> committed;
            try (Load load = new Load(db(app), 16)) {
                load.awaitCommits(500);
                app.config().set(URL, postgres.jdbcUrl("db_b"));
                ResourceStatus status = app.resources().refresh("orders-db");
                cutover = System.nanoTime();
                assertEquals(2, status.generation());
                load.awaitCommits(500);
                load.close();
                assertEquals(java.util.List.of(), load.failures());
                committed = load.committed();
            }
            Set<Long> inA = ids("db_a", "SELECT id FROM load_rows");
            Set<Long> inB = ids("db_b", "SELECT id FROM load_rows");
            Set<Long> both = new HashSet<>(inA);
            both.addAll(inB);
            assertEquals(committed.size(), inA.size() + inB.size(), "every committed row is in exactly one database");
            assertEquals(committed, both);
            assertTrue(inB.size() >= 500, "rows after the cutover: " + inB.size());
            System.out.printf("swap under load: %d committed, %d on A, %d on B, 0 failed%n", committed.size(),
                    inA.size(), inB.size());
            assertEquals(0, postgres.queryLong("db_a", "SELECT COUNT(*) FROM load_rows WHERE started_at > "
                    + cutover), "no transaction that started after the cutover ran on the old database");
            await().atMost(15, SECONDS).until(() -> postgres.connectionsTo("db_a") == 0);
            SwapRecorder events = app.select(SwapRecorder.class);
            assertEquals(1, events.swapped().size());
            ResourceSwapped swapped = events.swapped().get(0);
            assertEquals(new ResourceSwapped("orders-db", 2, postgres.jdbcUrl("db_b"), postgres.jdbcUrl("db_a")),
                    swapped);
        }
    }

    @Test
    void aTransactionOpenedBeforeTheSwapCommitsOnTheOldDatabase() throws Exception {
        try (TestApp app = appOn("db_a")) {
            try (Connection c = db(app).getConnection()) {
                c.setAutoCommit(false);
                insert(c, 1);
                app.config().set(URL, postgres.jdbcUrl("db_b"));
                assertEquals(2, app.resources().refresh("orders-db").generation());
                insert(c, 2);
                c.commit();
            }
            assertEquals(Set.of(1L, 2L), ids("db_a", "SELECT id FROM load_rows"));
            assertEquals(Set.of(), ids("db_b", "SELECT id FROM load_rows"));
            try (Connection c = db(app).getConnection()) {
                insert(c, 3);
            }
            assertEquals(Set.of(3L), ids("db_b", "SELECT id FROM load_rows"));
            await().atMost(15, SECONDS).until(() -> postgres.connectionsTo("db_a") == 0);
        }
    }

    /** The callers right after a swap find connections ready, as many as the old pool had lent out. */
    @Test
    void theNewPoolIsWarmedForTheLoadTheOldOneCarries() throws Exception {
        try (TestApp app = appOn("db_a")) {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    held.add(db(app).getConnection());
                }
                app.config().set(URL, postgres.jdbcUrl("db_b"));
                assertEquals(2, app.resources().refresh("orders-db").generation());
                assertTrue(postgres.connectionsTo("db_b") >= 5,
                        "connections to the new database before any caller: " + postgres.connectionsTo("db_b"));
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aSwapToAnUnreachableDatabaseFailsAndTheOldOneKeepsServing() throws Exception {
        try (TestApp app = appOn("db_a", "attached.orders-db.health.timeout", "1s")) {
            try (Load load = new Load(db(app), 16)) {
                load.awaitCommits(200);
                app.config().set(URL, "postgres://app:" + Canary.PASSWORD + "@127.0.0.1:1/nowhere");
                ResourceStatus status = app.resources().refresh("orders-db");
                load.awaitCommits(200);
                load.close();
                assertEquals(java.util.List.of(), load.failures());
                assertEquals(ResourceState.ATTACHED, status.state());
                assertEquals(1, status.generation());
                assertEquals(postgres.jdbcUrl("db_a"), status.location());
                assertTrue(status.lastError().orElseThrow().contains("Connection to 127.0.0.1:1 refused"),
                        status.toString());
                assertFalse(status.toString().contains(Canary.PASSWORD));
                assertEquals(load.committed().size(), ids("db_a", "SELECT id FROM load_rows").size());
            }
            SwapRecorder events = app.select(SwapRecorder.class);
            assertEquals(0, events.swapped().size());
            ResourceSwapFailed failed = events.failed().get(0);
            assertEquals("postgres://127.0.0.1:1/nowhere", failed.location());
            assertEquals(1, failed.generation());
            assertTrue(app.check("orders-db").getJsonObject("data").getString("last-swap-error")
                    .contains("refused"));
        }
    }

    @Test
    void urlUserAndPasswordWrittenOneAfterTheOtherMakeOneSwap() throws Exception {
        String rotated = "rotated-" + Canary.PASSWORD;
        postgres.execute("postgres", "DROP ROLE IF EXISTS rotator", "CREATE ROLE rotator LOGIN PASSWORD '"
                + rotated + "'", "GRANT ALL ON DATABASE db_b TO rotator");
        postgres.execute("db_b", "GRANT ALL ON load_rows TO rotator");
        postgres.requirePasswordFor("rotator");
        try (TestApp app = appOn("db_a")) {
            // as a secret store rotates them: three writes, each reported on its own
            app.config().set(URL, postgres.jdbcUrl("db_b"));
            app.config().set("attached.orders-db.username", "rotator");
            app.config().set("attached.orders-db.password", rotated);
            SwapRecorder events = app.select(SwapRecorder.class);
            await().atMost(10, SECONDS).until(() -> events.swapped().size() == 1);
            Thread.sleep(1000); // a second, late swap would show by now
            assertEquals(1, events.swapped().size());
            assertEquals(0, events.failed().size(), "never tried the new url with the old password");
            try (Connection c = db(app).getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_user, current_database()")) {
                rs.next();
                assertEquals("rotator", rs.getString(1));
                assertEquals("db_b", rs.getString(2));
            }
        }
    }

    @Test
    void aSwapStormUnderLoadFailsNothingAndLeaksNoConnection() throws Exception {
        try (TestApp app = appOn("db_a", "attached.orders-db.drain-timeout", "5s")) {
            try (Load load = new Load(db(app), 16)) {
                load.awaitCommits(200);
                for (int i = 0; i < 50; i++) {
                    app.config().set(URL, postgres.jdbcUrl(i % 2 == 0 ? "db_b" : "db_a"));
                    assertEquals(i + 2, app.resources().refresh("orders-db").generation());
                    load.awaitCommits(20);
                }
                load.close();
                assertEquals(java.util.List.of(), load.failures());
                long rows = postgres.queryLong("db_a", "SELECT COUNT(*) FROM load_rows")
                        + postgres.queryLong("db_b", "SELECT COUNT(*) FROM load_rows");
                assertEquals(load.committed().size(), rows);
                System.out.printf("swap storm: 50 swaps, %d committed, all found, 0 failed%n", rows);
            }
            // 50 swaps ended on db_a; every other generation drained and closed its connections
            await().atMost(20, SECONDS).until(() -> postgres.connectionsTo("db_b") == 0);
            assertTrue(postgres.connectionsTo("db_a") <= 20, "at most one pool's worth remains");
            assertEquals(50, app.select(SwapRecorder.class).swapped().size());
        }
    }

    @Test
    void removingTheUrlDetachesAndSettingItAttachesAgain() throws Exception {
        try (TestApp app = appOn("db_a")) {
            app.config().remove(URL);
            ResourceStatus detached = app.resources().refresh("orders-db");
            assertEquals(ResourceState.DETACHED, detached.state());
            SQLException e = assertThrows(SQLException.class, () -> db(app).getConnection());
            assertEquals("ATTACHED-106: resource 'orders-db' is detached: set attached.orders-db.url to attach it",
                    e.getMessage());
            assertEquals("DOWN", app.check("orders-db").getString("status"));
            await().atMost(15, SECONDS).until(() -> postgres.connectionsTo("db_a") == 0);

            app.config().set(URL, postgres.jdbcUrl("db_b"));
            ResourceStatus attached = app.resources().refresh("orders-db");
            assertEquals(ResourceState.ATTACHED, attached.state());
            assertEquals(2, attached.generation());
            try (Connection c = db(app).getConnection()) {
                insert(c, 7);
            }
            assertEquals(Set.of(7L), ids("db_b", "SELECT id FROM load_rows"));
            assertEquals("UP", app.check("orders-db").getString("status"));
        }
    }

    @Test
    void workHeldPastTheDrainTimeoutIsCutAndTheLogSaysHowMuch() throws Exception {
        try (LogCapture log = new LogCapture(); TestApp app = appOn("db_a", "attached.orders-db.drain-timeout", "1s")) {
            Connection held = db(app).getConnection();
            app.config().set(URL, postgres.jdbcUrl("db_b"));
            assertEquals(2, app.resources().refresh("orders-db").generation());
            await().atMost(15, SECONDS).until(() -> log.contains("ATTACHED-105"));
            assertTrue(log.contains("ATTACHED-105: orders-db generation 1 at " + postgres.jdbcUrl("db_a")
                    + " still had 1 unit(s) of work in use after drain-timeout 1s; closed them"), log.text());
            await().atMost(15, SECONDS).until(() -> postgres.connectionsTo("db_a") == 0);
            assertThrows(SQLException.class, () -> insert(held, 9));
        }
    }

    @Test
    void aRefreshWithoutChangeSwapsNothing() throws Exception {
        try (TestApp app = appOn("db_a")) {
            assertEquals(1, app.resources().refresh("orders-db").generation());
            assertEquals(0, app.select(SwapRecorder.class).swapped().size());
        }
    }

    @Test
    void aChangedKeyOfAnObservableSourceSwapsWithoutAnyCall() throws Exception {
        try (TestApp app = appOn("db_a")) {
            app.config().set("attached.orders-db.pool.max-size", "5");
            await().atMost(10, SECONDS).until(() -> app.resources().status("orders-db").generation() == 2);
        }
    }

    private static void insert(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO load_rows (id, started_at) VALUES (?, ?)")) {
            s.setLong(1, id);
            s.setLong(2, System.nanoTime());
            s.executeUpdate();
        }
    }

    private static Set<Long> ids(String database, String sql) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = java.sql.DriverManager.getConnection(postgres.jdbcUrl(database), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
