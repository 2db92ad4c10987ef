package dev.attached.kind.s3.testing;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.attached.kind.testkit.Load;

/**
 * Threads that put a new object and get a shared one through the injected client without pause, recording when
 * each write and read started and what each read found: so a test can tell which store served what, before and after
 * a swap. The shared objects exist in every store, with content naming the store.
 */
public final class TransferLoad implements AutoCloseable {

    /** How many shared objects each store holds. */
    public static final int SHARED = 16;

    private record Read(long startedNanos, String content) {
    }

    private final Load load;
    private final long[] sequence;
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private final Queue<Read> reads = new ConcurrentLinkedQueue<>();

    public TransferLoad(Assets assets, int threads) {
        sequence = new long[threads];
        load = new Load("s3-load", threads, thread -> {
            long n = sequence[thread]++; // each thread owns its slot
            String key = "t" + thread + "-" + n;
            long putStarted = System.nanoTime();
            assets.put(key, key);
            written.put(key, putStarted);
            long getStarted = System.nanoTime();
            reads.add(new Read(getStarted, assets.get(shared((int) (n % SHARED)))));
        });
    }

    public static String shared(int i) {
        return "shared-" + i;
    }

    public static List<String> sharedKeys() {
        return IntStream.range(0, SHARED).mapToObj(TransferLoad::shared).toList();
    }

    /** Waits until {@code more} calls (a put and a get each) returned, or one failed. */
    public void awaitCalls(long more) throws InterruptedException {
        load.awaitCalls(more);
    }

    /**
     * Calls per second over the next {@code calls} calls (fewer if one fails, or if they take more than a minute: a
     * machine shared with other builds can be slow).
     */
    public double callsPerSecond(long calls) throws InterruptedException {
        long start = System.nanoTime();
        long before = load.calls();
        long deadline = start + TimeUnit.MINUTES.toNanos(1);
        while (load.calls() - before < calls && load.failures().isEmpty() && System.nanoTime() < deadline) {
            load.awaitCalls(calls - (load.calls() - before));
        }
        return (load.calls() - before) * 1e9 / (System.nanoTime() - start);
    }

    public long calls() {
        return load.calls();
    }

    public List<Throwable> failures() {
        return load.failures();
    }

    /** Every object written, by key, with when its put started ({@link System#nanoTime()}). */
    public Map<String, Long> written() {
        return Map.copyOf(written);
    }

    /** The keys whose put started after {@code nanos}. */
    public List<String> startedAfter(long nanos) {
        return written.entrySet().stream().filter(e -> e.getValue() > nanos).map(Map.Entry::getKey).toList();
    }

    /** How many gets that started after {@code nanos} found {@code content}. */
    public long readsAfter(long nanos, String content) {
        return reads.stream().filter(r -> r.startedNanos() > nanos && r.content().equals(content)).count();
    }

    @Override
    public void close() throws InterruptedException {
        load.close();
    }
}
