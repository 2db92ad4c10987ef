package dev.attached.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Step 1: the injected DataSource against the bare pool, every row in rounds. In each round a row's two subjects run
 * back to back, in alternating order (bare first in even rounds, Attached first in odd ones), each in a fresh JVM;
 * the ratio is taken pair by pair and its median reported, so a machine whose speed drifts (a shared one) moves both
 * sides of a ratio alike.
 */
final class JmhStep {

    static final double GOAL = 1.05;

    private record Key(String database, String benchmark, int threads) {
        String label() {
            String what = benchmark.equals("getClose")
                    ? "`getConnection()`+`close()`"
                    : "`getConnection()`+`SELECT 1`+`close()`";
            return what + ", " + (database.equals("h2") ? "H2" : "PostgreSQL") + ", " + threads
                    + (threads == 1 ? " thread" : " threads");
        }
    }

    /** @param nanos CPU time per operation; {@code wall} elapsed time per operation and thread */
    private record Measured(double nanos, double wall, double bytesPerOp) {
    }

    private final int rounds;
    private final int warmups;
    private final int iterations;
    private final List<String> jvmArgs;

    JmhStep(int rounds, int warmups, int iterations, List<String> jvmArgs) {
        this.rounds = rounds;
        this.warmups = warmups;
        this.iterations = iterations;
        this.jvmArgs = jvmArgs;
    }

    Section run() throws RunnerException {
        Section section = new Section("1. The injected DataSource against a bare Agroal pool (JMH)");
        List<Key> keys = new ArrayList<>();
        for (String database : List.of("h2", "postgresql")) {
            for (String benchmark : List.of("getClose", "getSelectClose")) {
                for (int threads : List.of(1, 8)) {
                    keys.add(new Key(database, benchmark, threads));
                }
            }
        }
        Map<Key, List<Measured>> bare = new LinkedHashMap<>();
        Map<Key, List<Measured>> attached = new LinkedHashMap<>();
        Map<Key, List<Double>> ratios = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Key key : keys) {
                Measured a;
                Measured b;
                if (round % 2 == 0) {
                    b = measure(key, "bare", round);
                    a = measure(key, "attached", round);
                } else {
                    a = measure(key, "attached", round);
                    b = measure(key, "bare", round);
                }
                bare.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
                attached.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
                ratios.computeIfAbsent(key, k -> new ArrayList<>()).add(a.nanos() / b.nanos());
            }
        }
        section.detail(
                "| measure | bare Agroal, CPU ns/op (median of rounds) | Attached, CPU ns/op | CPU ratio, median of "
                        + "pairs (min-max) | elapsed ns/op per thread, bare / Attached | elapsed ratio, median of pairs | "
                        + "bytes allocated per op, bare / Attached |");
        section.detail("|---|---|---|---|---|---|---|");
        for (Key key : keys) {
            double b = Stats.median(bare.get(key).stream().map(Measured::nanos).toList());
            double a = Stats.median(attached.get(key).stream().map(Measured::nanos).toList());
            double ratio = Stats.median(ratios.get(key));
            List<Double> wallRatios = new ArrayList<>();
            for (int i = 0; i < bare.get(key).size(); i++) {
                wallRatios.add(attached.get(key).get(i).wall() / bare.get(key).get(i).wall());
            }
            double bWall = Stats.median(bare.get(key).stream().map(Measured::wall).toList());
            double aWall = Stats.median(attached.get(key).stream().map(Measured::wall).toList());
            double bAlloc = Stats.median(bare.get(key).stream().map(Measured::bytesPerOp).toList());
            double aAlloc = Stats.median(attached.get(key).stream().map(Measured::bytesPerOp).toList());
            section.row(Row.met(ratio <= GOAL, key.label(), "ratio <= 1.05", ns(b) + " CPU (" + ns(bWall)
                    + " elapsed)", ns(a) + " CPU (" + ns(aWall) + " elapsed)",
                    String.format("%s (pairs %s-%s)", Stats.ratio(ratio), Stats.ratio(Stats.min(ratios.get(key))),
                            Stats.ratio(Stats.max(ratios.get(key)))),
                    String.format("by %.1f%% of the bare figure, about %.0f ns/op", (ratio - GOAL) * 100,
                            (ratio - GOAL) * b))); // both from the median ratio of pairs, as the goal is
            section.detail(String.format("| %s | %s | %s | %s (%s-%s) | %s / %s | %s | %.0f / %.0f |", key.label(),
                    ns(b), ns(a), Stats.ratio(ratio), Stats.ratio(Stats.min(ratios.get(key))), Stats.ratio(Stats
                            .max(ratios.get(key))),
                    ns(bWall), ns(aWall), Stats.ratio(Stats.median(wallRatios)), bAlloc, aAlloc));
        }
        ladder(section);
        section.note("Both subjects run in a JVM that has booted the same container (Weld SE, SmallRye Config, "
                + "SmallRye Health, one application bean); the bare pool's without the Attached extension. A server's "
                + "JVM always has its container booted, and the classes it loads change how the JIT compiles code "
                + "both subjects share (the JDK's collections, the driver).");
        section.note(String.format("%d rounds; each run one fork, %d warm-up iterations of 1 s and %d measured "
                + "iterations of 200 ms, of which the lower quartile is taken (the machine is shared: other "
                + "processes' bursts only ever slow an iteration down, so the faster iterations are the least "
                + "disturbed; both subjects are treated alike). The ratio and the goal are taken on CPU time per "
                + "operation (the benchmark threads' processor time over the operations, `CpuTimeProfiler`): on "
                + "this shared machine the elapsed time per operation also holds the time a thread waited for a "
                + "processor that other processes held, which swamps a 5%% difference; CPU time leaves the wait "
                + "for the database's answer out too, so the overhead is a larger share of it: the stricter "
                + "ratio. Elapsed time per operation per thread (with 8 threads on this machine's %d processors the "
                + "threads also wait for a processor, in both subjects alike). Bytes per op from JMH's GC "
                + "profiler.", rounds, warmups, iterations, Runtime.getRuntime().availableProcessors()));
        return section;
    }

    /** The parts of Attached's pool added one at a time to the bare one: H2, get+close, 1 and 8 threads. */
    private void ladder(Section section) throws RunnerException {
        List<String> subjects = List.of("bare", "bare+cache", "bare+gate", "attached");
        section.detail("");
        section.detail("Where the overhead of `getConnection()`+`close()` goes (H2): copies of the parts of "
                + "Attached's pool added to the bare pool one at a time, one run each, back to back.");
        section.detail("");
        section.detail(
                "| subject | 1 thread: CPU ns/op | minus bare | B/op | 8 threads: CPU ns/op | minus bare | B/op |");
        section.detail("|---|---|---|---|---|---|---|");
        Map<String, Measured> one = new LinkedHashMap<>();
        Map<String, Measured> eight = new LinkedHashMap<>();
        for (String subject : subjects) {
            one.put(subject, measure(new Key("h2", "getClose", 1), subject, 0));
        }
        for (String subject : subjects) {
            eight.put(subject, measure(new Key("h2", "getClose", 8), subject, 0));
        }
        for (String subject : subjects) {
            String label = switch (subject) {
                case "bare" -> "bare Agroal";
                case "bare+cache" -> "+ Attached's connection cache instead of Agroal's (kept in the pool, a slot "
                        + "per stripe of threads), counting each return on the gate (1 atomic add)";
                case "bare+gate" -> "+ entering the gate before each borrowing (1 atomic add): Attached's pool, "
                        + "reached directly";
                default -> "Attached's injected DataSource (+ reading the current pool, the delegate)";
            };
            section.detail(String.format("| %s | %s | %+.0f ns | %.0f | %s | %+.0f ns | %.0f |", label,
                    ns(one.get(subject).nanos()), one.get(subject).nanos() - one.get("bare").nanos(),
                    one.get(subject).bytesPerOp(), ns(eight.get(subject).nanos()), eight.get(subject).nanos()
                            - eight.get("bare").nanos(),
                    eight.get(subject).bytesPerOp()));
        }
        for (Map<String, Measured> m : List.of(one, eight)) {
            double bare = m.get("bare").nanos();
            double cache = m.get("bare+cache").nanos() - bare;
            double gate = m.get("bare+gate").nanos() - m.get("bare+cache").nanos();
            double reference = m.get("attached").nanos() - m.get("bare+gate").nanos();
            section.note(String.format("Ladder, %s: Attached %+.0f ns over the bare pool's %.0f ns; of that, the "
                    + "connection cache with the return count %+.0f ns (%+.0f B/op), entering the gate %+.0f ns, and "
                    + "reading the current pool through the reference %+.0f ns. One run each, so the figures carry "
                    + "the machine's noise; their signs and sizes are what they tell.",
                    m == one ? "1 thread" : "8 threads", m.get("attached").nanos() - bare, bare, cache,
                    m.get("bare+cache").bytesPerOp() - m.get("bare").bytesPerOp(), gate, reference));
        }
        section.note("What a call through the reference does besides the bare pool's work: one volatile read of the "
                + "resource's current pool; one atomic add on the pool's gate before asking Agroal for a connection, "
                + "and one when Agroal hands the returned connection to the pool's connection cache (which Agroal "
                + "calls on every return anyway). Each add goes to a counter of the calling thread's own (threads "
                + "are spread over padded stripes by id), so threads on different processors never write to one "
                + "cache line. The cache keeps each stripe's last connection in the pool, an array slot, instead of "
                + "Agroal's thread-local: cheaper than a thread-local lookup, and nothing of a pool is reachable "
                + "from a thread, so long-lived threads cannot keep retired pools alive. A call and the connection "
                + "it borrows are one unit, from before the caller asks Agroal until the connection is back, so a "
                + "retired pool closes exactly when the last caller acquiring from it has left and the last "
                + "connection it lent has come back, with no timer and no pool listener.");
        section.note("What is left is those two adds, and why they stay: a caller must be counted, and see whether "
                + "the pool was retired, before it touches Agroal (Agroal's own compare-and-set on the connection "
                + "comes too late: a caller that finds no free connection creates one or waits for one, which a "
                + "concurrent close would break), and the end of a loan must be counted with a fence before the "
                + "retired flag is read, or the last return could go unseen. Agroal 2.8 calls nothing of the "
                + "pool's owner after a return completes except a pool listener, and a listener that only reads "
                + "a flag costs as much as an add (the diagnostic subject `bare+listener`: +7 ns at 1 thread). "
                + "Measured apart from this run (alternating JMH runs, 5 rounds, H2, `getConnection()`+`close()`), "
                + "the same code with the two adds removed (inexact, for measurement only) was 0.98 of the bare "
                + "pool at 1 thread and 0.97 at 8 threads, and with them 1.055 and 1.12: about 9 ns at 1 thread and "
                + "25 ns at 8 threads on this machine, where an uncontended atomic add alone costs about 7 ns. "
                + "Against a `SELECT 1` (about 0.8 to 2 µs of CPU on H2, 15 to 50 µs on PostgreSQL, which moves by "
                + "more than that from run to run on a shared machine) it is at most 1 to 3% on H2 and 0.1% on "
                + "PostgreSQL.");
    }

    /** Runs one subject once; a run that fails (a fork that died) is tried once more, then reported as NaN. */
    private Measured measure(Key key, String subject, int round) throws RunnerException {
        for (int attempt = 0; attempt < 2; attempt++) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(ConnectionBenchmark.class.getName() + "\\." + key.benchmark() + "$")
                    .param("subject", subject)
                    .param("database", key.database())
                    .threads(key.threads())
                    .forks(1)
                    .warmupIterations(warmups)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations)
                    .measurementTime(TimeValue.milliseconds(200))
                    .addProfiler(GCProfiler.class)
                    .addProfiler(CpuTimeProfiler.class)
                    .verbosity(VerboseMode.SILENT)
                    .jvmArgsAppend(jvmArgs.toArray(String[]::new));
            Collection<RunResult> results = new Runner(options.build()).run();
            if (results.isEmpty()) {
                System.out.println("  jmh run failed: " + key + " " + subject + (attempt == 0 ? ", again" : ""));
                continue;
            }
            RunResult result = results.iterator().next();
            // the lower quartile of the iterations: on a shared machine another process's burst only ever slows an
            // iteration down, so the faster iterations are the least disturbed ones
            List<Double> scores = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                    Result<?> iterationCpu = iteration.getSecondaryResults().get(CpuTimeProfiler.RESULT);
                    if (iterationCpu != null) {
                        cpu.add(iterationCpu.getScore());
                    }
                }
            }
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            Measured measured = new Measured(cpu.isEmpty() ? Double.NaN : lowerQuartile(cpu), lowerQuartile(scores),
                    alloc == null ? Double.NaN : alloc.getScore());
            System.out.printf("  jmh round %d %-34s %-26s CPU %8.1f ns/op, elapsed %9.1f ns/op (CPU by iteration %s), "
                    + "%.0f B/op, load %s%n", round + 1, key.database() + " " + key.benchmark() + " x" + key.threads(),
                    subject, measured.nanos(), measured.wall(), cpu.stream().map(d -> String.format("%.0f", d))
                            .toList(),
                    measured.bytesPerOp(), Machine.loadAverage());
            return measured;
        }
        return new Measured(Double.NaN, Double.NaN, Double.NaN);
    }

    private static double lowerQuartile(List<Double> scores) {
        long[] scaled = scores.stream().mapToLong(d -> Math.round(d * 1000)).toArray();
        return Stats.percentile(scaled, 25) / 1000.0;
    }

    static String ns(double nanos) {
        return String.format("%.0f ns", nanos);
    }
}
