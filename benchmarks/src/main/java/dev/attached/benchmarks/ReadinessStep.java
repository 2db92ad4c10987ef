package dev.attached.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.attached.benchmarks.Databases.Server;

/**
 * Step 3: readiness of 10 resources, each bounded by {@code health.timeout=1s}, when one of them is hung (a server
 * that accepts connections and never answers), against the same 10 resources all answering; as SmallRye Health
 * serves it and as Open Liberty computes it (each check called one after another); then 50 threads calling
 * readiness without pause, with the load the probes put on the database measured by a relay in front of it.
 */
final class ReadinessStep {

    static final int RESOURCES = 10;
    static final long TIMEOUT_MILLIS = 1000;
    static final long GOAL_MILLIS = TIMEOUT_MILLIS + 100;
    static final int CALLERS = 50;

    /** What one configuration measured. */
    private record Measured(long[] smallrye, long[] oneByOne, long[] underLoad, String status, long calls,
            double seconds, long requests, long connections, long silentAccepted, int probeThreads,
            double cpuMicrosPerCall) {
    }

    private ReadinessStep() {
    }

    static Section run(boolean quick) throws Exception {
        Section section = new Section("3. Readiness: 10 resources, one hung");
        Server pg = Databases.postgres();
        int calls = quick ? 3 : 5;
        long loadMillis = quick ? 3000 : 6000;
        try (CountingProxy proxy = new CountingProxy(pg.host(), pg.port()); SilentServer silent = new SilentServer()) {
            String healthy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + Databases.PG_A;
            String hung = "jdbc:postgresql://127.0.0.1:" + silent.port() + "/hung";
            Measured allUp = measure(config(pg, healthy, hung, RESOURCES), calls, loadMillis, proxy, silent);
            Measured oneHung = measure(config(pg, healthy, hung, RESOURCES - 1), calls, loadMillis, proxy, silent);
            Measured allHung = measure(config(pg, hung, hung, 0), quick ? 2 : 3, 0, proxy, silent);

            long hungMax = max(oneHung.smallrye());
            section.row(Row.met(hungMax <= ms(GOAL_MILLIS), "Readiness call, 1 hung of 10 (SmallRye Health)",
                    "<= timeout + 100 ms = " + GOAL_MILLIS + " ms",
                    "all 10 answering: " + millis(allUp.smallrye()) + " ms (the first opens the connections)",
                    "max " + Stats.ms(hungMax) + " of " + calls + " calls", Stats.ratio(hungMax / 1e6
                            / TIMEOUT_MILLIS) + " of the timeout",
                    "by " + Stats.ms(hungMax - ms(GOAL_MILLIS))));
            long hungOne = max(oneHung.oneByOne());
            section.row(Row.met(hungOne <= ms(GOAL_MILLIS), "Readiness, 1 hung of 10, checks called one after "
                    + "another (as Open Liberty does)", "<= " + GOAL_MILLIS + " ms",
                    "all answering: " + millis(allUp.oneByOne()) + " ms",
                    "max " + Stats.ms(hungOne), Stats.ratio(hungOne / 1e6 / TIMEOUT_MILLIS) + " of the timeout",
                    "by " + Stats.ms(hungOne - ms(GOAL_MILLIS))));
            long allHungMax = max(allHung.oneByOne());
            section.row(Row.met(allHungMax <= ms(GOAL_MILLIS), "Readiness, 10 hung of 10, one after another",
                    "<= " + GOAL_MILLIS + " ms", "probes one after another, each to its timeout: "
                            + RESOURCES * TIMEOUT_MILLIS + " ms",
                    "max " + Stats.ms(allHungMax), Stats.ratio(allHungMax / 1e6 / (RESOURCES * TIMEOUT_MILLIS)),
                    "by " + Stats.ms(allHungMax - ms(GOAL_MILLIS))));
            long loadMax = max(oneHung.underLoad());
            section.row(Row.met(loadMax <= ms(GOAL_MILLIS), CALLERS + " threads calling readiness, 1 hung of 10: "
                    + "slowest call", "<= " + GOAL_MILLIS + " ms",
                    "all answering: p99 " + Stats.ms(Stats.percentile(allUp.underLoad(), 99)) + ", max "
                            + Stats.ms(max(allUp.underLoad())),
                    "p50 " + Stats.ms(Stats.percentile(oneHung.underLoad(), 50)) + ", p99 " + Stats.ms(Stats
                            .percentile(oneHung.underLoad(), 99)) + ", max " + Stats.ms(loadMax) + "; "
                            + over(oneHung.underLoad()) + " of " + oneHung.underLoad().length + " calls over "
                            + GOAL_MILLIS + " ms (all answering: " + over(allUp.underLoad()) + ")",
                    Stats.ratio(loadMax / 1e6 / TIMEOUT_MILLIS) + " of the timeout",
                    "by " + Stats.ms(loadMax - ms(GOAL_MILLIS))));
            double callRate = oneHung.calls() / oneHung.seconds();
            double requestRate = oneHung.requests() / oneHung.seconds();
            section.row(Row.info(CALLERS + " threads: probe load on the database (round trips/s reaching it)",
                    String.format("a probe per check per call: %.0f/s", callRate * (RESOURCES - 1)),
                    String.format("%.1f/s (%.0f readiness calls/s; %d new connections, %d to the hung server, "
                            + "at most %d probe threads)", requestRate, callRate, oneHung.connections(),
                            oneHung.silentAccepted(), oneHung.probeThreads()),
                    Stats.ratio(requestRate / (callRate * (RESOURCES - 1)))));

            section.note(String.format("Under %d callers without pause, each readiness call costs %.0f µs of CPU "
                    + "(%.0f calls/s: %.1f processors' worth, on %d shared with other work: load average %s), so "
                    + "callers queue for the processors: with all 10 answering the slowest call took %s, with "
                    + "nothing to wait for. A check waits at most until its probe's timeout (1 s after the probe "
                    + "started); a call that waits for the hung resource's probe ends later than that by what its "
                    + "checks after the hung one take: by then the other resources' finished probes, which stand "
                    + "for the longest timeout (1 s) from their start, have expired, so those checks start new "
                    + "probes and wait for them, each probe thread (and the relay's threads in front of "
                    + "PostgreSQL) queueing for a processor among the busy callers. A finished probe standing for "
                    + "a whole request, however long its wait for a hung one, would remove that part; it is not "
                    + "done yet. The probe threads are counted by enumerating the threads, not with "
                    + "`Thread.getAllStackTraces()`, whose safepoint every 50 ms would stop all the callers.",
                    CALLERS, oneHung.cpuMicrosPerCall(),
                    oneHung.calls() / oneHung
                            .seconds(),
                    oneHung.cpuMicrosPerCall() * oneHung.calls() / oneHung.seconds() / 1e6, Runtime.getRuntime()
                            .availableProcessors(),
                    Machine.loadAverage(), Stats.ms(max(allUp.underLoad()))));
            section.note(String.format("The first readiness call of an application also pays for first use (the "
                    + "health reporter's and the checks' beans, JSON, the probes' first connections): with all 10 "
                    + "answering it took %s, the later ones %s or less.", Stats.ms(allUp.smallrye()[0]),
                    Stats.ms(
                            Arrays.stream(allUp.smallrye()).skip(1).max().orElse(0))));
            section.detail("| configuration | readiness calls (SmallRye), ms | one after another, ms | " + CALLERS
                    + " threads: calls/s, CPU per call, p50, p99, max | round trips/s to PostgreSQL | connections to the hung "
                    + "server | most probe threads alive |");
            section.detail("|---|---|---|---|---|---|---|");
            detail(section, "10 answering", allUp);
            detail(section, "1 hung of 10", oneHung);
            detail(section, "10 hung of 10", allHung);
            section.note("Every resource has `health.timeout=1s`; the hung one points at a server socket that "
                    + "accepts and never answers. Calls are spaced 1.1 s apart so that none reuses the probe of "
                    + "the call before (a finished probe stands for the longest timeout); the first call of each "
                    + "configuration opens the connections. Under load, a probe still running is shared by every "
                    + "check that asks within its timeout, so the database sees a few probes a second however many"
                    + " callers there are; a hung service holds at most 1 + 3 abandoned probe threads.");
        }
        return section;
    }

    private static Map<String, String> config(Server pg, String answeringUrl, String hungUrl, int answering) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < RESOURCES; i++) {
            String prefix = "attached." + TenDatabases.NAMES.get(i) + ".";
            config.put(prefix + "url", i < answering ? answeringUrl : hungUrl);
            config.put(prefix + "username", pg.user());
            if (!pg.password().isEmpty()) {
                config.put(prefix + "password", pg.password());
            }
            config.put(prefix + "health.timeout", TIMEOUT_MILLIS + "ms");
        }
        return config;
    }

    private static Measured measure(Map<String, String> config, int calls, long loadMillis, CountingProxy proxy,
            SilentServer silent) throws Exception {
        try (BenchApp app = BenchApp.start(config, TenDatabases.class)) {
            long[] smallrye = new long[calls];
            String status = "";
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                status = app.readiness().getPayload().getString("status");
                smallrye[i] = System.nanoTime() - start;
                Thread.sleep(1100);
            }
            long[] oneByOne = new long[calls];
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                List<HealthCheckResponse> responses = app.readinessOneByOne();
                oneByOne[i] = System.nanoTime() - start;
                if (responses.size() != RESOURCES) {
                    throw new IllegalStateException(responses.size() + " readiness checks, not " + RESOURCES);
                }
                Thread.sleep(1100);
            }
            System.out.printf("  readiness %s: SmallRye %s ms, one by one %s ms%n", status, millis(smallrye),
                    millis(oneByOne));
            if (loadMillis == 0) {
                return new Measured(smallrye, oneByOne, new long[0], status, 0, 1, 0, 0, 0, 0, 0);
            }
            return underLoad(app, smallrye, oneByOne, status, loadMillis, proxy, silent);
        }
    }

    private static Measured underLoad(BenchApp app, long[] smallrye, long[] oneByOne, String status,
            long loadMillis, CountingProxy proxy, SilentServer silent) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> latencies = new ArrayList<>();
        AtomicInteger[] counts = new AtomicInteger[CALLERS];
        List<Thread> threads = new ArrayList<>();
        Supplier<Object> call = () -> app.readiness().getPayload();
        long requests = proxy.requests();
        long connections = proxy.connections();
        int accepted = silent.accepted();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int t = 0; t < CALLERS; t++) {
            long[] mine = new long[200_000];
            AtomicInteger count = counts[t] = new AtomicInteger();
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                while (!stop.get() && count.get() < mine.length) {
                    long s = System.nanoTime();
                    call.get();
                    mine[count.get()] = System.nanoTime() - s;
                    count.incrementAndGet();
                }
            }, "readiness-caller-" + t);
            threads.add(thread);
            thread.start();
        }
        int probeThreads = 0;
        long end = start + TimeUnit.MILLISECONDS.toNanos(loadMillis);
        while (System.nanoTime() < end) {
            probeThreads = Math.max(probeThreads, probeThreads());
            Thread.sleep(50);
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpuNanos = os.getProcessCpuTime() - cpu;
        int total = 0;
        for (AtomicInteger count : counts) {
            total += count.get();
        }
        long[] all = new long[total];
        int n = 0;
        for (int t = 0; t < CALLERS; t++) {
            System.arraycopy(latencies.get(t), 0, all, n, counts[t].get());
            n += counts[t].get();
        }
        System.out.printf("  %d callers: %d calls in %.1f s, max %.1f ms, %d requests to PostgreSQL%n", CALLERS,
                total, seconds, max(all) / 1e6, proxy.requests() - requests);
        return new Measured(smallrye, oneByOne, all, status, total, seconds, proxy.requests() - requests,
                proxy.connections() - connections, silent.accepted() - accepted, probeThreads,
                total == 0 ? 0 : cpuNanos / 1e3 / total);
    }

    /**
     * The probe threads alive now, counted without stopping the JVM: {@code Thread.getAllStackTraces()} takes a
     * safepoint, and every 50 ms with 50 busy callers that pause would be in the latencies measured here.
     */
    private static int probeThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int n = root.enumerate(threads, true);
        int probes = 0;
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().startsWith("attached-probe")) {
                probes++;
            }
        }
        return probes;
    }

    private static void detail(Section section, String label, Measured m) {
        section.detail(String.format("| %s (%s) | %s | %s | %s | %s | %d | %s |", label, m.status(),
                millis(m.smallrye()), millis(m.oneByOne()), m.underLoad().length == 0
                        ? "-"
                        : String.format(
                                "%.0f, %.0f µs, %s, %s, %s", m.calls() / m.seconds(), m.cpuMicrosPerCall(), Stats
                                        .ms(Stats.percentile(m
                                                .underLoad(), 50)),
                                Stats.ms(Stats.percentile(m.underLoad(), 99)), Stats.ms(max(
                                        m
                                                .underLoad()))),
                m.underLoad().length == 0 ? "-" : String.format("%.1f", m.requests() / m.seconds()),
                m.silentAccepted(), m.underLoad().length == 0 ? "-" : String.valueOf(m.probeThreads())));
    }

    private static String millis(long[] nanos) {
        StringBuilder s = new StringBuilder();
        for (long n : nanos) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format("%.0f", n / 1e6));
        }
        return s.toString();
    }

    private static long over(long[] latencies) {
        return Arrays.stream(latencies).filter(l -> l > ms(GOAL_MILLIS)).count();
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
