package dev.attached.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

import javax.sql.DataSource;

import dev.attached.benchmarks.Databases.Server;

/**
 * Step 2: 32 threads of short transactions (borrow, insert one row, commit, close) through the injected DataSource
 * while the resource is swapped 30 times, one second apart, by its configuration source, as a Secret rotation would
 * signal it. Before the swaps, each database serves alone for a while: its steady latency is the baseline the
 * latency after each swap is held against.
 */
final class LoadHarness {

    static final int THREADS = 32;
    static final int SWAPS = 30;
    static final long SETTLE_MILLIS = 500; // attached.change-settle, its default
    static final double P99_GOAL = 1.5;
    static final long FIRST_COMMIT_GOAL_MILLIS = SETTLE_MILLIS + 300;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A database the resource can be attached to. */
    record Target(String label, Server server, String database) {

        Map<String, String> config() {
            String prefix = "attached." + OneDatabase.NAME + ".";
            Map<String, String> config = new HashMap<>();
            config.put(prefix + "url", server.jdbcUrl(database));
            config.put(prefix + "username", server.user());
            config.put(prefix + "password", server.password().isEmpty() ? null : server.password());
            return config;
        }
    }

    /** One worker's operations: when each started and ended, and the id of its row. */
    private static final class Recorder {
        long[] ids = new long[1 << 15];
        long[] starts = new long[1 << 15];
        long[] ends = new long[1 << 15];
        int size;
        int failures;
        String firstFailure;

        void committed(long id, long start, long end) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            ids[size] = id;
            starts[size] = start;
            ends[size] = end;
            size++;
        }
    }

    private LoadHarness() {
    }

    static Section run(boolean quick) throws Exception {
        Section section = new Section("2. Swaps under load: " + THREADS + " threads, " + SWAPS
                + " swaps one second apart");
        Server pg = Databases.postgres();
        Target a = new Target("PostgreSQL A", pg, Databases.PG_A);
        List<Target[]> scenarios = new ArrayList<>();
        scenarios.add(new Target[]{a, new Target("PostgreSQL B", pg, Databases.PG_B)});
        Server maria = Databases.mariadb();
        if (Databases.listening(maria.host(), maria.port())) {
            scenarios.add(new Target[]{a, new Target("MariaDB", maria, Databases.MARIADB)});
        } else {
            section.note("No MariaDB at " + maria.host() + ":" + maria.port()
                    + ": the PostgreSQL <-> MariaDB scenario was not run.");
        }
        section.detail("| scenario | transactions | failed | tx/s steady (A / B) | tx/s during swaps | "
                + "steady p50 / p99 on A | steady p50 / p99 on B | p99 in the second after each swap: median, worst"
                + " (swaps over 1.5x) | signal to first commit: median, max |");
        section.detail("|---|---|---|---|---|---|---|---|---|");
        for (Target[] scenario : scenarios) {
            Databases.truncate(scenario[0].server(), scenario[0].database());
            Databases.truncate(scenario[1].server(), scenario[1].database());
            scenario(section, scenario[0], scenario[1], quick);
        }
        section.note("Each transaction borrows a connection, inserts one row with auto-commit off, commits and "
                + "closes; its latency is from before the borrow to after the close, and it belongs to the window "
                + "in which it started. Steady: 4 s on each database alone, after a warm-up, before the swaps. "
                + "The second after a swap starts at the cutover: when `ResourceSwapped` is observed (it is fired right "
                + "after it) or when the first transaction that lands on the new database started, if earlier. "
                + "Signal: the config source's change notification; Attached applies a change after "
                + "`attached.change-settle` (500 ms, the default) of quiet, so the goal is settle + 300 ms. The pool "
                + "is Attached's default (at most 20 connections) for 32 threads, so threads also queue for "
                + "connections, as in a server whose worker pool is larger than its connection pool.");
        return section;
    }

    private static void scenario(Section section, Target a, Target b, boolean quick) throws Exception {
        String name = a.label() + " <-> " + b.label();
        System.out.println("  load: " + name);
        try (BenchApp app = BenchApp.start(a.config(), OneDatabase.class, SwapClock.class)) {
            DataSource db = app.select(OneDatabase.class).db();
            SwapClock clock = app.select(SwapClock.class);
            AtomicLong sequence = new AtomicLong();
            Recorder[] recorders = new Recorder[THREADS];
            Thread[] workers = new Thread[THREADS];
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3); // bounded, whatever happens
            AtomicBoolean stop = new AtomicBoolean();
            for (int i = 0; i < THREADS; i++) {
                Recorder recorder = recorders[i] = new Recorder();
                workers[i] = new Thread(() -> {
                    while (!stop.get() && System.nanoTime() < deadline) {
                        transaction(db, sequence.incrementAndGet(), recorder);
                    }
                }, "load-" + i);
                workers[i].start();
            }
            long warm = quick ? 1500 : 3000;
            long steadyMillis = quick ? 2000 : 4000;
            Thread.sleep(warm);
            long steadyA = System.nanoTime();
            Thread.sleep(steadyMillis);
            long steadyAEnd = System.nanoTime();
            long generation = app.resources().status(OneDatabase.NAME).generation();
            app.config().setAll(b.config());
            require(clock.awaitGeneration(++generation, 10_000), "the swap to " + b.label());
            Thread.sleep(warm);
            long steadyB = System.nanoTime();
            Thread.sleep(steadyMillis);
            long steadyBEnd = System.nanoTime();
            app.config().setAll(a.config());
            require(clock.awaitGeneration(++generation, 10_000), "the swap back to " + a.label());
            Thread.sleep(1000);

            int swaps = quick ? 10 : SWAPS;
            long[] signals = new long[swaps];
            long[] cutovers = new long[swaps];
            Target[] targets = new Target[swaps];
            long phaseStart = System.nanoTime();
            for (int i = 0; i < swaps; i++) {
                targets[i] = i % 2 == 0 ? b : a;
                // one second apart; if a swap took longer than that, the next waits for it (and the spacing says so)
                sleepUntil(Math.max(phaseStart + i * SECOND, i == 0 ? 0 : cutovers[i - 1] + SECOND / 10));
                signals[i] = System.nanoTime();
                app.config().setAll(targets[i].config());
                cutovers[i] = clock.awaitGeneration(generation + 1 + i, 10_000);
                require(cutovers[i], "swap " + (i + 1) + " to " + targets[i].label() + " (status "
                        + app.resources().status(OneDatabase.NAME) + ", failed swaps " + clock.failures() + ")");
            }
            sleepUntil(cutovers[swaps - 1] + SECOND + SECOND / 5);
            long phaseEnd = System.nanoTime();
            stop.set(true);
            for (Thread worker : workers) {
                worker.join();
            }
            report(section, name, a, b, recorders, new long[]{steadyA, steadyAEnd, steadyB, steadyBEnd},
                    phaseStart, phaseEnd, signals, cutovers, targets, clock);
        }
    }

    private static void transaction(DataSource db, long id, Recorder recorder) {
        long start = System.nanoTime();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO load_rows (id, started_at) VALUES (?, ?)")) {
                s.setLong(1, id);
                s.setLong(2, start);
                s.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            recorder.failures++;
            if (recorder.firstFailure == null) {
                recorder.firstFailure = e.toString();
            }
            return;
        }
        recorder.committed(id, start, System.nanoTime());
    }

    private static void report(Section section, String name, Target a, Target b, Recorder[] recorders,
            long[] steady, long phaseStart, long phaseEnd, long[] signals, long[] cutovers, Target[] targets,
            SwapClock clock) throws SQLException {
        Set<Long> inA = Databases.ids(a.server(), a.database());
        Set<Long> inB = Databases.ids(b.server(), b.database());
        int committed = 0;
        int failed = 0;
        int missing = 0;
        int duplicated = 0;
        String firstFailure = null;
        Set<Long> acknowledged = new HashSet<>();
        for (Recorder r : recorders) {
            committed += r.size;
            failed += r.failures;
            if (firstFailure == null) {
                firstFailure = r.firstFailure;
            }
            for (int i = 0; i < r.size; i++) {
                long id = r.ids[i];
                acknowledged.add(id);
                boolean x = inA.contains(id);
                boolean y = inB.contains(id);
                if (x && y) {
                    duplicated++;
                } else if (!x && !y) {
                    missing++;
                }
            }
        }
        int unacknowledged = 0;
        for (Long id : inA) {
            unacknowledged += acknowledged.contains(id) ? 0 : 1;
        }
        for (Long id : inB) {
            unacknowledged += acknowledged.contains(id) ? 0 : 1;
        }

        long[] steadyOnA = latencies(recorders, s -> s >= steady[0] && s < steady[1]);
        long[] steadyOnB = latencies(recorders, s -> s >= steady[2] && s < steady[3]);
        long p99A = Stats.percentile(steadyOnA, 99);
        long p99B = Stats.percentile(steadyOnB, 99);
        List<Double> swapP99 = new ArrayList<>();
        List<Double> swapRatios = new ArrayList<>();
        List<Double> firstCommits = new ArrayList<>();
        int over = 0;
        double worstRatio = 0;
        long worstP99 = 0;
        String worstSwap = "";
        StringBuilder perSwap = new StringBuilder();
        for (int i = 0; i < signals.length; i++) {
            // the cutover: ResourceSwapped is fired just after it, but the first transaction on the new database may
            // have started a moment before the event was observed
            Set<Long> onTarget = targets[i] == a ? inA : inB;
            long firstStart = Long.MAX_VALUE;
            for (Recorder r : recorders) {
                for (int k = 0; k < r.size; k++) {
                    if (r.starts[k] > signals[i] && r.starts[k] < firstStart && onTarget.contains(r.ids[k])) {
                        firstStart = r.starts[k];
                    }
                }
            }
            long cut = Math.min(cutovers[i], firstStart);
            long[] window = latencies(recorders, s -> s >= cut && s < cut + SECOND);
            long p99 = Stats.percentile(window, 99);
            long base = targets[i] == a ? p99A : p99B;
            double ratio = (double) p99 / base;
            swapP99.add((double) p99);
            swapRatios.add(ratio);
            if (ratio > P99_GOAL) {
                over++;
            }
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worstP99 = p99;
                worstSwap = "swap " + (i + 1) + " to " + targets[i].label();
            }
            Set<Long> target = targets[i] == a ? inA : inB;
            long signal = signals[i];
            long first = Long.MAX_VALUE;
            for (Recorder r : recorders) {
                for (int k = 0; k < r.size; k++) {
                    if (r.starts[k] > signal && r.ends[k] < first && target.contains(r.ids[k])) {
                        first = r.ends[k];
                    }
                }
            }
            firstCommits.add((first - signal) / 1e6);
            perSwap.append(String.format("%s%d:%.1f/%.0f", i == 0 ? "" : ", ", i + 1, ratio,
                    (first - signal) / 1e6));
        }
        // the noise floor: the worst single second of the steady phases against its database's steady p99
        double steadySecondWorst = 0;
        for (int w = 0; w < 2; w++) {
            long from = steady[2 * w];
            long to = steady[2 * w + 1];
            long base = w == 0 ? p99A : p99B;
            for (long s0 = from; s0 + SECOND <= to + SECOND / 10; s0 += SECOND) {
                long start = s0;
                long[] second = latencies(recorders, s -> s >= start && s < start + SECOND);
                steadySecondWorst = Math.max(steadySecondWorst, (double) Stats.percentile(second, 99) / base);
            }
        }
        double steadyTps = (count(recorders, steady[0], steady[1]) + count(recorders, steady[2], steady[3]))
                / ((steady[1] - steady[0] + steady[3] - steady[2]) / 1e9);
        double swapTps = count(recorders, phaseStart, phaseEnd) / ((phaseEnd - phaseStart) / 1e9);
        List<Double> applied = new ArrayList<>();
        for (int i = 0; i < signals.length; i++) {
            applied.add((cutovers[i] - signals[i]) / 1e6);
        }
        double spacing = (signals[signals.length - 1] - signals[0]) / 1e9 / Math.max(1, signals.length - 1);
        double firstMedian = Stats.median(firstCommits);
        double firstMax = Stats.max(firstCommits);
        double swapToA = Stats.median(filter(swapRatios, targets, a, true));
        double swapToB = Stats.median(filter(swapRatios, targets, a, false));

        section.row(Row.met(failed == 0, name + ": failed operations", "0", "0 in the steady phases",
                failed + " of " + (committed + failed), "-", failed + " failed: " + firstFailure));
        section.row(Row.met(missing == 0 && duplicated == 0 && unacknowledged == 0,
                name + ": committed rows each in exactly one database", "all", "-",
                String.format("%d of %d (%d missing, %d in both, %d not acknowledged)", committed - missing
                        - duplicated, committed, missing, duplicated, unacknowledged),
                "-", (missing + duplicated + unacknowledged) + " rows not accounted for"));
        section.row(Row.met(over == 0, name + ": p99 in the second after each swap vs steady p99 of the new database",
                "<= 1.5x on every swap", "steady p99 " + Stats.ms(p99A) + " (A), " + Stats.ms(p99B) + " (B); "
                        + String.format("the worst steady second %.2fx", steadySecondWorst),
                "worst " + Stats.ms(worstP99) + " (" + worstSwap + "); median " + Stats.ms((long) Stats
                        .median(swapP99)),
                String.format("worst %.2f, median %.2f (to %s %.2f, to %s %.2f)", worstRatio,
                        Stats.median(swapRatios), a.label(), swapToA, b.label(), swapToB),
                String.format("%d of %d swaps over 1.5x, the worst by %.0f%%", over, signals.length,
                        (worstRatio / P99_GOAL - 1) * 100)));
        section.row(Row.met(firstMax <= FIRST_COMMIT_GOAL_MILLIS, name + ": signal to first commit on the new "
                + "database", "<= settle + 300 ms = " + FIRST_COMMIT_GOAL_MILLIS + " ms",
                "settle " + SETTLE_MILLIS
                        + " ms",
                String.format("median %.0f ms, max %.0f ms", firstMedian, firstMax),
                String.format("max - settle = %.0f ms", firstMax - SETTLE_MILLIS),
                String.format("by %.0f ms", firstMax - FIRST_COMMIT_GOAL_MILLIS)));
        section.row(Row.info(name + ": throughput", String.format("%.0f tx/s steady", steadyTps),
                String.format("%.0f tx/s during the swaps", swapTps), Stats.ratio(swapTps / steadyTps)));
        section.detail(String.format("| %s | %d | %d | %.0f | %.0f | %s / %s | %s / %s | %s, %s (%d) | %.0f ms, "
                + "%.0f ms |", name, committed + failed, failed, steadyTps, swapTps,
                Stats.ms(Stats.percentile(steadyOnA, 50)), Stats.ms(p99A), Stats.ms(Stats.percentile(steadyOnB, 50)),
                Stats.ms(p99B), Stats.ms((long) Stats.median(swapP99)), Stats.ms(worstP99), over, firstMedian,
                firstMax));
        section.note(String.format("%s: signal to cutover %.0f ms median, %.0f ms max, of which %d ms are the "
                + "settle; the rest (%.0f ms median) is opening the new pool, probing it (its first connection to the "
                + "new database) and warming it up (opening about as many connections as the old pool had in use, "
                + "within a cutover budget of 200 ms from the opening, the probe included) before the cutover, on a machine whose processors the 32 writers and the "
                + "database already keep busy. The first commit follows the cutover by %.0f ms (median). Signals "
                + "%.2f s apart on average.", name, Stats.median(applied), Stats.max(applied), SETTLE_MILLIS,
                Stats.median(applied) - SETTLE_MILLIS, firstMedian - Stats.median(applied), spacing));
        section.note(String.format("%s: with no swap at all, the worst single second of the steady phases had a "
                + "p99 %.2fx its database's steady p99: what this machine's noise alone does to a one-second "
                + "p99.", name, steadySecondWorst));
        section.note(name + ", per swap (ratio of p99 to steady / ms from signal to first commit): " + perSwap
                + (clock.failures().isEmpty() ? "" : "; failed swaps: " + clock.failures()));
        System.out.printf("  %s: %d tx, %d failed, worst p99 ratio %.2f, first commit max %.0f ms%n", name,
                committed + failed, failed, worstRatio, firstMax);
    }

    private static List<Double> filter(List<Double> ratios, Target[] targets, Target a, boolean toA) {
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i < ratios.size(); i++) {
            if ((targets[i] == a) == toA) {
                kept.add(ratios.get(i));
            }
        }
        return kept;
    }

    private static long[] latencies(Recorder[] recorders, LongPredicate startedIn) {
        long[] values = new long[1024];
        int n = 0;
        for (Recorder r : recorders) {
            for (int i = 0; i < r.size; i++) {
                if (startedIn.test(r.starts[i])) {
                    if (n == values.length) {
                        values = Arrays.copyOf(values, n * 2);
                    }
                    values[n++] = r.ends[i] - r.starts[i];
                }
            }
        }
        return Arrays.copyOf(values, n);
    }

    private static long count(Recorder[] recorders, long from, long to) {
        long n = 0;
        for (Recorder r : recorders) {
            for (int i = 0; i < r.size; i++) {
                if (r.ends[i] >= from && r.ends[i] < to) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void require(long nanos, String what) {
        if (nanos < 0) {
            throw new IllegalStateException(what + " was not observed within 10 s");
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 50_000_000));
        }
    }
}
