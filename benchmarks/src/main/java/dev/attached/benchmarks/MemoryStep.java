package dev.attached.benchmarks;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ObjectName;
import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;

import dev.attached.benchmarks.Databases.Server;

/**
 * Step 5: 1,000 swaps between two PostgreSQL databases while long-lived worker threads (as a server's) keep using
 * the injected DataSource; what is left afterwards: heap after a full GC, live Agroal pools and Attached generations
 * (a class histogram of live objects), threads, and the server-side connections. A control run does the same with
 * bare Agroal pools and Agroal's own per-thread cache, to show what the measure catches when pools do stay
 * reachable.
 */
final class MemoryStep {

    static final int WORKERS = 8;
    static final String POOL_CLASS = "io.agroal.pool.ConnectionPool";
    static final String GENERATION_CLASS = "dev.attached.impl.runtime.Generation";
    static final double HEAP_GOAL = 1.10;

    /** What is alive at one moment. */
    private record Snapshot(long heap, long pools, long generations, long connectionHandlers, int threads,
            long connectionsA, long connectionsB, Map<String, Integer> threadNames) {
    }

    private MemoryStep() {
    }

    static Section run(boolean quick) throws Exception {
        int swaps = quick ? 200 : 1000;
        Section section = new Section("5. Memory: " + swaps + " swaps with long-lived worker threads");
        Server pg = Databases.postgres();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong operations = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        DataSource[] target = new DataSource[1];
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            Thread worker = new Thread(() -> {
                while (!stop.get()) {
                    DataSource db;
                    synchronized (target) {
                        db = target[0];
                    }
                    if (db != null) {
                        try (Connection c = db.getConnection();
                                Statement s = c.createStatement();
                                ResultSet rs = s.executeQuery("SELECT 1")) {
                            rs.next();
                            operations.incrementAndGet();
                        } catch (SQLException | RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                    try {
                        Thread.sleep(2); // light load
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "worker-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }

        Snapshot before;
        Snapshot at100;
        Snapshot after;
        List<Double> swapMillis = new ArrayList<>();
        long failuresDuringSwaps;
        long operationsDuringSwaps;
        try (BenchApp app = BenchApp.start(config(pg, Databases.PG_A), OneDatabase.class)) {
            synchronized (target) {
                target[0] = app.select(OneDatabase.class).db();
            }
            Thread.sleep(2000);
            before = snapshot(pg);
            at100 = before;
            long ops = operations.get();
            long failed = failures.get();
            long generation = app.resources().status(OneDatabase.NAME).generation();
            for (int i = 1; i <= swaps; i++) {
                app.config().putQuietly(config(pg, i % 2 == 1 ? Databases.PG_B : Databases.PG_A));
                long start = System.nanoTime();
                long now = app.resources().refresh(OneDatabase.NAME).generation();
                swapMillis.add((System.nanoTime() - start) / 1e6);
                if (now != ++generation) {
                    throw new IllegalStateException("swap " + i + " did not happen: generation " + now + ", "
                            + app.resources().status(OneDatabase.NAME));
                }
                Thread.sleep(3); // let the workers use each generation
                if (i == swaps / 10) {
                    Thread.sleep(2000);
                    at100 = snapshot(pg);
                }
                if (i % 100 == 0) {
                    System.out.printf("  %d swaps%n", i);
                }
            }
            Thread.sleep(2000); // the last retired generation drains
            failuresDuringSwaps = failures.get() - failed;
            operationsDuringSwaps = operations.get() - ops;
            after = snapshot(pg);
            synchronized (target) {
                target[0] = null;
            }
        }
        Thread.sleep(200);
        System.out.println("  control: bare Agroal pools with Agroal's own per-thread cache");
        int controls = swaps;
        long controlBefore = count(histogram(), POOL_CLASS);
        AgroalDataSource previous = null;
        for (int i = 0; i < controls; i++) {
            AgroalDataSource pool = BareAgroal.open("jdbc:h2:mem:control;DB_CLOSE_DELAY=-1", "sa", "");
            synchronized (target) {
                target[0] = pool;
            }
            Thread.sleep(3);
            if (previous != null) {
                previous.close();
            }
            previous = pool;
        }
        Thread.sleep(500);
        long controlAfter = count(histogram(), POOL_CLASS);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(1000);
        }
        if (previous != null) {
            previous.close();
        }

        double heapRatio = (double) after.heap() / before.heap();
        double perSwap = (double) (after.heap() - at100.heap()) / (swaps - swaps / 10);
        section.row(Row.met(heapRatio <= HEAP_GOAL, "Heap after full GC, after " + swaps + " swaps",
                "flat (<= before + 10%)", "before the swaps: " + Stats.mb(before.heap()), Stats.mb(after.heap())
                        + String.format(" (%+.0f bytes a swap from swap %d on)", perSwap, swaps / 10),
                Stats.ratio(heapRatio), String.format("by %.0f%%", (heapRatio / HEAP_GOAL - 1) * 100)));
        section.row(Row.met(after.pools() <= before.pools(), "Live Agroal pools after " + swaps + " swaps",
                "flat (as before)", before.pools() + " before the swaps", after.pools() + " (" + after.generations()
                        + " live generations)",
                Stats.ratio((double) after.pools() / before.pools()), (after.pools() - before.pools())
                        + " retired pools still reachable"));
        section.row(Row.met(after.threads() <= at100.threads() + 2, "Threads after " + swaps + " swaps",
                "flat: none per swap (after the last swap <= after the " + swaps / 10 + "th + 2)", before.threads()
                        + " before, " + at100.threads() + " after swap " + swaps / 10,
                String.valueOf(after.threads()), Stats.ratio((double) after.threads() / before.threads()),
                (after.threads() - at100.threads()) + " more threads than after swap " + swaps / 10));
        long retired = swaps % 2 == 0 ? after.connectionsB() : after.connectionsA();
        section.row(Row.met(retired == 0 && after.connectionsA() + after.connectionsB() <= before.connectionsA()
                + before.connectionsB() + 2, "Server-side connections (pg_stat_activity) after " + swaps + " swaps",
                "flat; none left on the retired database", before.connectionsA() + " on A, " + before.connectionsB()
                        + " on B before",
                after.connectionsA() + " on A, " + after.connectionsB() + " on B", "-",
                retired + " left on the retired database"));
        section.row(Row.met(failuresDuringSwaps == 0, "Worker operations failed during the " + swaps + " swaps",
                "0", "-", failuresDuringSwaps + " of " + operationsDuringSwaps, "-", failuresDuringSwaps
                        + " failed"));
        section.detail("| moment | heap after full GC | live Agroal pools | live generations | live Agroal "
                + "connection handlers | threads | connections on A / B |");
        section.detail("|---|---|---|---|---|---|---|");
        detail(section, "before the swaps", before);
        detail(section, "after swap " + swaps / 10, at100);
        detail(section, "after swap " + swaps, after);
        section.detail("");
        section.detail("Threads before: " + before.threadNames() + "; after: " + after.threadNames() + ".");
        section.detail("");
        section.detail(String.format("A swap (`refresh`, new pool opened and probed, old one retired) took %.1f ms "
                + "(median), %.1f ms (max). Control, %d bare Agroal pools with Agroal's default per-thread cache, "
                + "each used by the same %d long-lived threads and closed: %d live pools before, %d after.",
                Stats.median(swapMillis), Stats.max(swapMillis), controls, WORKERS, controlBefore, controlAfter));
        section.note(String.format("%d worker threads borrow, `SELECT 1`, close, then sleep 2 ms, through the "
                + "injected DataSource, for the whole run; they stay alive while the after-figures are taken, as "
                + "a server's worker threads would. Live objects are counted by a class histogram (the "
                + "`GC.class_histogram` diagnostic command, which runs a full GC first). Heap flat means within "
                + "10%% of the figure before the swaps; the bytes-per-swap slope from the 10th percentile of the "
                + "swaps on shows whether anything accumulates per swap.", WORKERS));
        return section;
    }

    private static Map<String, String> config(Server pg, String database) {
        String prefix = "attached." + OneDatabase.NAME + ".";
        Map<String, String> config = new HashMap<>();
        config.put(prefix + "url", pg.jdbcUrl(database));
        config.put(prefix + "username", pg.user());
        if (!pg.password().isEmpty()) {
            config.put(prefix + "password", pg.password());
        }
        return config;
    }

    private static void detail(Section section, String moment, Snapshot s) {
        section.detail(String.format("| %s | %s | %d | %d | %d | %d | %d / %d |", moment, Stats.mb(s.heap()),
                s.pools(), s.generations(), s.connectionHandlers(), s.threads(), s.connectionsA(), s
                        .connectionsB()));
    }

    private static Snapshot snapshot(Server pg) throws Exception {
        String histogram = histogram();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Snapshot(heap, count(histogram, POOL_CLASS), count(histogram, GENERATION_CLASS),
                count(histogram, "io.agroal.pool.ConnectionHandler"), ManagementFactory.getThreadMXBean()
                        .getThreadCount(),
                Databases.postgresConnections(pg, Databases.PG_A), Databases.postgresConnections(pg,
                        Databases.PG_B),
                threadNames());
    }

    /** Live threads by name, numbers taken out: {@code attached-probe-#: 3}. */
    private static Map<String, Integer> threadNames() {
        Map<String, Integer> names = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            names.merge(thread.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
        }
        return names;
    }

    /** The live objects by class, after a full GC, as {@code jcmd <pid> GC.class_histogram} prints them. */
    static String histogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
    }

    static long count(String histogram, String className) {
        for (String line : histogram.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[3].equals(className)) {
                return Long.parseLong(parts[1]);
            }
        }
        return 0;
    }
}
