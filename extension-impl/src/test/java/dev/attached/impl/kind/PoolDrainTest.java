package dev.attached.impl.kind;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.attached.AttachedResource;
import dev.attached.ResourceDrained;
import dev.attached.impl.runtime.ResourceRegistry;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

/**
 * The DataSource's pool counts every connection it lends from before its caller asks Agroal until the connection is
 * returned: a retired pool closes exactly when the last one comes back, whoever borrowed it (a caller, a probe) and
 * on whatever thread it is returned, and never under a caller.
 */
class PoolDrainTest {

    static final String URL = "attached.orders-db.url";

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @ApplicationScoped
    public static class Drains {
        static final List<ResourceDrained> SEEN = new CopyOnWriteArrayList<>();

        void drained(@Observes @AttachedResource("orders-db") ResourceDrained event) {
            SEEN.add(event);
        }
    }

    @BeforeEach
    void reset() {
        Drains.SEEN.clear();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static TestApp app(String database) {
        return TestApp.with(URL, "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "attached.orders-db.drain-timeout",
                "5m").beans(Orders.class, Drains.class).start();
    }

    private static void swap(TestApp app, String database, long generation) {
        app.config().set(URL, "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        assertEquals(generation, app.resources().refresh("orders-db").generation());
    }

    private static Pool pool(TestApp app) {
        ResourceRegistry registry = (ResourceRegistry) app.resources();
        return (Pool) registry.slot("orders-db").generation().orElseThrow().resource();
    }

    private static String database(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aRetiredPoolClosesWhenItsLastLentConnectionComesBackAndNotBefore() throws Exception {
        try (TestApp app = app("lent-a")) {
            DataSource db = app.select(Orders.class).dataSource();
            Connection first = db.getConnection();
            Connection second = db.getConnection();
            swap(app, "lent-b", 2);

            first.close();
            assertTrue(Drains.SEEN.isEmpty(), "one connection is still lent");
            assertEquals("LENT-A", database(second), "the lent connection still works on the old database");
            second.close();
            await().atMost(5, SECONDS).until(() -> Drains.SEEN.size() == 1);
            assertEquals(1, Drains.SEEN.get(0).generation());
            assertEquals(0, Drains.SEEN.get(0).cut());
        }
    }

    @Test
    void aConnectionReturnedOnAnotherThreadEndsItsLoan() throws Exception {
        try (TestApp app = app("handed-a")) {
            Connection borrowed = threads.submit(() -> app.select(Orders.class).dataSource().getConnection()).get();
            swap(app, "handed-b", 2);
            assertTrue(Drains.SEEN.isEmpty());
            borrowed.close(); // on the test's thread, not the one that borrowed it
            await().atMost(5, SECONDS).until(() -> Drains.SEEN.size() == 1);
        }
    }

    @Test
    void aProbesConnectionIsCountedLikeACallers() throws Exception {
        try (TestApp app = app("probe-a")) {
            Pool old = pool(app);
            Connection probing = old.borrow(); // a readiness probe that started before the swap
            swap(app, "probe-b", 2);
            assertTrue(Drains.SEEN.isEmpty(), "the probe's connection is still out");
            assertEquals(1, old.inUse());
            probing.close();
            await().atMost(5, SECONDS).until(() -> Drains.SEEN.size() == 1);
        }
    }

    /**
     * A caller that read the old pool, then paused while it was retired, drained and closed, is turned away by the
     * old pool's gate and gets a connection of the new one.
     */
    @Test
    void aCallerThatReadTheOldPoolBeforeItRetiredGetsAConnectionOfTheNewOne() throws Exception {
        try (TestApp app = app("paused-a")) {
            ResourceRegistry registry = (ResourceRegistry) app.resources();
            @SuppressWarnings("unchecked")
            var slot = (dev.attached.impl.runtime.ResourceSlot<?, DataSource>) registry.slot("orders-db");
            Pool old = pool(app);
            Iterator<DataSource> reads = List.<DataSource>of(old).iterator();
            DataSourceReference paused = new DataSourceReference("orders-db",
                    () -> reads.hasNext() ? reads.next() : slot.resource());

            swap(app, "paused-b", 2);
            await().atMost(5, SECONDS).until(() -> Drains.SEEN.size() == 1); // nothing was lent: closed at once
            assertNull(old.lend(), "a retired pool lends nothing");
            try (Connection connection = paused.getConnection()) {
                assertEquals("PAUSED-B", database(connection));
            }
            assertEquals(0, old.inUse());
        }
    }

    @Test
    void aFailedAcquisitionLeavesTheGate() throws Exception {
        try (TestApp app = app("failing-a")) {
            Pool old = pool(app);
            Connection held = old.borrow();
            swap(app, "failing-b", 2);
            assertThrows(SQLException.class, () -> old.getConnection("someone", "else")); // Agroal refuses these
            assertEquals(1, old.inUse(), "only the held connection");
            held.close();
            await().atMost(5, SECONDS).until(() -> Drains.SEEN.size() == 1);
        }
    }

    /**
     * Eight threads borrow, use and return connections without pause while the resource is swapped back and forth:
     * no call ever meets a closed pool, and every retired pool closes, each exactly once, with nothing cut.
     */
    @Test
    void underLoadEveryRetiredPoolClosesOnceAndNoCallerMeetsAClosedOne() throws Exception {
        try (TestApp app = app("load-0")) {
            DataSource db = app.select(Orders.class).dataSource();
            AtomicBoolean running = new AtomicBoolean(true);
            CountDownLatch started = new CountDownLatch(8);
            List<Future<Long>> workers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                workers.add(threads.submit(() -> {
                    long calls = 0;
                    started.countDown();
                    while (running.get()) {
                        try (Connection c = db.getConnection()) {
                            database(c); // fails if its pool was closed under it
                        }
                        calls++;
                    }
                    return calls;
                }));
            }
            started.await();
            for (int i = 1; i <= 30; i++) {
                swap(app, "load-" + (i % 2), i + 1);
            }
            running.set(false);
            long calls = 0;
            for (Future<Long> worker : workers) {
                calls += worker.get(30, SECONDS); // rethrows any failed call
            }
            assertTrue(calls > 0);
            await().atMost(10, SECONDS).until(() -> Drains.SEEN.size() == 30);
            assertEquals(30, Drains.SEEN.stream().mapToLong(ResourceDrained::generation).distinct().count());
            assertTrue(Drains.SEEN.stream().noneMatch(ResourceDrained::wasCut), Drains.SEEN::toString);
            assertEquals(0, pool(app).inUse());
        }
    }
}
