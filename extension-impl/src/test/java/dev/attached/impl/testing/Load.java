package dev.attached.impl.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * Writers that insert rows in transactions without pause through one injected DataSource, counting every commit and
 * every failure. Bounded: it stops when told, or after two minutes at the latest.
 */
public final class Load implements AutoCloseable {

    private static final long MAX_MILLIS = TimeUnit.MINUTES.toMillis(2);

    private final DataSource db;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sequence = new AtomicLong();
    private final Set<Long> committed = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public Load(DataSource db, int threadCount) {
        this.db = db;
        long deadline = System.currentTimeMillis() + MAX_MILLIS;
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(() -> {
                while (running.get() && System.currentTimeMillis() < deadline) {
                    insertOne();
                }
            }, "load-" + i);
            thread.start();
            threads.add(thread);
        }
    }

    /** The table every writer inserts into; create it in each database the load may reach. */
    public static String ddl() {
        return "CREATE TABLE IF NOT EXISTS load_rows (id BIGINT PRIMARY KEY, started_at BIGINT NOT NULL)";
    }

    private void insertOne() {
        long id = sequence.incrementAndGet();
        long startedAt = System.nanoTime(); // before borrowing: a transaction started after a swap must go to the new database
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO load_rows (id, started_at) VALUES (?, ?)")) {
                s.setLong(1, id);
                s.setLong(2, startedAt);
                s.executeUpdate();
            }
            c.commit();
            committed.add(id);
        } catch (SQLException | RuntimeException e) {
            failures.add(e);
        }
    }

    /** Waits until at least {@code more} further rows were committed. */
    public void awaitCommits(int more) throws InterruptedException {
        long target = committed.size() + more;
        long deadline = System.currentTimeMillis() + 30_000;
        while (committed.size() < target && System.currentTimeMillis() < deadline && failures.isEmpty()) {
            Thread.sleep(5);
        }
    }

    public Set<Long> committed() {
        return Set.copyOf(committed);
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
