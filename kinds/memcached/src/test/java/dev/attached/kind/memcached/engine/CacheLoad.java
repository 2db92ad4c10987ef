package dev.attached.kind.memcached.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.attached.kind.testkit.Load;

import net.rubyeye.xmemcached.MemcachedClient;

/**
 * Threads that set and read back keys without pause through one injected client, counting every operation (a set or
 * a get), every failure (an exception) and every miss (a key set on one server and read from the next, across a
 * swap). Bounded: it stops when told, or after two minutes at the latest.
 */
final class CacheLoad implements AutoCloseable {

    private final MemcachedClient cache;
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    /** Each thread's round, counted by that thread alone. */
    private final long[] rounds;
    private final Load load;

    CacheLoad(MemcachedClient cache, int threadCount) {
        this.cache = cache;
        this.rounds = new long[threadCount];
        this.load = new Load("cache-load", threadCount, this::setAndGet);
    }

    private void setAndGet(int thread) throws Exception {
        long round = rounds[thread]++;
        String key = "load-" + thread + "-" + (round % 1000);
        String value = thread + ":" + (round + 1);
        cache.set(key, 0, value);
        operations.incrementAndGet();
        Object read = cache.get(key);
        operations.incrementAndGet();
        if (!value.equals(read)) {
            misses.incrementAndGet();
        }
    }

    /** Waits until at least {@code more} further operations completed (or a failure happened). */
    void awaitOperations(long more) throws InterruptedException {
        load.awaitCalls((more + 1) / 2); // a call is a set and a get
    }

    long operations() {
        return operations.get();
    }

    long misses() {
        return misses.get();
    }

    List<Throwable> failures() {
        return load.failures();
    }

    @Override
    public void close() throws InterruptedException {
        load.close();
    }
}
