package dev.attached.impl.reliability;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.impl.testing.Load;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.RestartablePostgres;
import dev.attached.impl.testing.SilentServer;
import dev.attached.impl.testing.TestApp;

/**
 * Races between refreshes, change signals, drains and detaches, under load, against two databases of an embedded
 * PostgreSQL. Whatever the interleaving, the resource ends matching the configuration and no connection is leaked
 * (counted server-side). A test that hangs is failed by its timeout with a dump of every thread
 * (junit-platform.properties). Figures go to {@code target/reliability/races.md}.
 */
@Timeout(120)
class RacesTest {

    @RegisterExtension
    static RestartablePostgres postgres = new RestartablePostgres();

    static final String URL = "attached.orders-db.url";
    static final String HEADER = "| race | outcome | connections left on the database let go |";

    @BeforeEach
    void freshDatabases() throws SQLException {
        postgres.recreateDatabase("race_a");
        postgres.recreateDatabase("race_b");
    }

    static TestApp app(String... more) {
        TestApp.Builder builder = TestApp.with(URL, postgres.platformUrl("race_a"), "attached.orders-db.drain-timeout",
                "5s", "attached.orders-db.health.timeout", "2s", "attached.change-settle", "50ms");
        builder.config(more);
        return builder.beans(Orders.class).start();
    }

    @Test
    void concurrentRefreshesAndSignalsEndMatchingTheConfiguration() throws Exception {
        try (TestApp app = app()) {
            Load load = new Load(app.select(Orders.class).dataSource(), 4);
            load.awaitCommits(50);
            List<Throwable> thrown = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean signals = i % 2 == 0;
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        try {
                            if (signals) {
                                app.config().set(URL, postgres.platformUrl(
                                        ThreadLocalRandom.current().nextBoolean() ? "race_a" : "race_b"));
                            } else {
                                app.resources().refresh("orders-db");
                            }
                        } catch (RuntimeException e) {
                            thrown.add(e);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            Thread.sleep(3000);
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            app.config().set(URL, postgres.platformUrl("race_b"));
            ResourceStatus status = app.resources().refresh("orders-db");
            Thread.sleep(300); // the last signal's settle
            status = app.resources().status("orders-db");
            load.awaitCommits(50);
            load.close();
            assertEquals(List.of(), thrown);
            assertEquals(ResourceState.ATTACHED, status.state());
            assertTrue(status.location().endsWith("/race_b"), status.location());
            await().atMost(15, SECONDS).until(() -> postgres.connectionsTo("race_a") == 0);
            Report.row("races", HEADER, "8 threads: refresh() and change signals between two databases for 3 s, "
                    + "under load",
                    "ends on the configured database, generation " + status.generation()
                            + ", no call threw; " + load.failures().size() + " of " + (load.committed().size()
                                    + load.failures().size())
                            + " inserts failed",
                    "0 on race_a");
        }
    }

    @Test
    void swappingBackWhileTheFirstSwapDrainsKeepsEveryTransactionWhereItStarted() throws Exception {
        try (TestApp app = app()) {
            DataSource db = app.select(Orders.class).dataSource();
            Connection held = db.getConnection(); // generation 1, on race_a, in a transaction
            held.setAutoCommit(false);
            insert(held, 1);

            app.config().set(URL, postgres.platformUrl("race_b"));
            assertEquals(2, app.resources().refresh("orders-db").generation());
            try (Connection c = db.getConnection()) {
                insert(c, 2); // generation 2, race_b
            }
            app.config().set(URL, postgres.platformUrl("race_a"));
            assertEquals(3, app.resources().refresh("orders-db").generation()); // back, while 1 still drains
            try (Connection c = db.getConnection()) {
                insert(c, 3); // generation 3, race_a
            }
            held.commit();
            held.close();

            assertEquals(2, postgres.queryLong("race_a", "SELECT COUNT(*) FROM load_rows WHERE id IN (1, 3)"));
            assertEquals(1, postgres.queryLong("race_b", "SELECT COUNT(*) FROM load_rows WHERE id = 2"));
            await().atMost(15, SECONDS).until(() -> postgres.connectionsTo("race_b") == 0);
            long onA = postgres.connectionsTo("race_a");
            assertTrue(onA <= 1, "connections left on race_a: " + onA); // generation 3's, kept by its pool
            Report.row("races", HEADER, "swap A to B while a transaction is open on A, then back to A before it ends",
                    "the open transaction commits on A (generation 1), B's insert on B, the new one on A "
                            + "(generation 3)",
                    "0 on race_b; race_a keeps " + onA + " (generation 3's pool)");
        }
    }

    @Test
    void detachingWhileASwapProbesAHungDatabaseEndsDetached() throws Exception {
        try (SilentServer hung = new SilentServer(); TestApp app = app()) {
            try (Connection c = app.select(Orders.class).dataSource().getConnection()) {
                insert(c, 7); // a connection on race_a
            }
            CountDownLatch swapping = new CountDownLatch(1);
            Thread swap = new Thread(() -> {
                app.config().set(URL, "postgres://postgres@127.0.0.1:" + hung.port() + "/x");
                swapping.countDown();
                app.resources().refresh("orders-db"); // probes the silent server for health.timeout
            });
            swap.start();
            swapping.await();
            Thread.sleep(200);
            app.config().remove(URL); // the operator detaches meanwhile
            ResourceStatus status = app.resources().refresh("orders-db");
            swap.join();
            Thread.sleep(200); // the signals' settle
            status = app.resources().status("orders-db");
            assertEquals(ResourceState.DETACHED, status.state());
            await().atMost(15, SECONDS).until(() -> postgres.connectionsTo("race_a") == 0);
            Report.row("races", HEADER, "url removed while a swap probes a database that never answers",
                    "ends DETACHED, as configured", "0 on race_a");
        }
    }

    @Test
    void aSwapStormDuringDrainsLeaksNothing() throws Exception {
        try (TestApp app = app()) {
            DataSource db = app.select(Orders.class).dataSource();
            Load load = new Load(db, 4);
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Connection c = db.getConnection(); // held across the next swap: that generation drains
                c.setAutoCommit(false);
                insert(c, 1_000_000 + i);
                held.add(c);
                app.config().set(URL, postgres.platformUrl(i % 2 == 0 ? "race_b" : "race_a"));
                app.resources().refresh("orders-db");
                if (held.size() > 3) {
                    Connection done = held.remove(0);
                    done.commit();
                    done.close();
                }
            }
            for (Connection c : held) {
                c.commit();
                c.close();
            }
            load.awaitCommits(50);
            load.close();
            ResourceStatus status = app.resources().status("orders-db");
            assertTrue(status.location().endsWith("/race_a"), status.location());
            await().atMost(15, SECONDS).until(() -> postgres.connectionsTo("race_b") == 0);
            long rows = postgres.queryLong("race_a", "SELECT COUNT(*) FROM load_rows WHERE id >= 1000000")
                    + postgres.queryLong("race_b", "SELECT COUNT(*) FROM load_rows WHERE id >= 1000000");
            assertEquals(20, rows);
            Report.row("races", HEADER, "20 swaps, each while 1 to 4 transactions of earlier generations are open",
                    "all 20 held transactions commit where they started; generation " + status.generation(),
                    "0 on race_b");
        }
    }

    private static void insert(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO load_rows (id, started_at) VALUES (?, 0)")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }
}
