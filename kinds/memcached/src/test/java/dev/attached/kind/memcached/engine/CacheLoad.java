package dev.attached.kind.memcached.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import net.rubyeye.xmemcached.MemcachedClient;

/**
 * Threads that set and read back keys without pause through one injected client, counting every operation, every
 * failure (an exception) and every miss (a key set on one server and read from the next, across a swap). Bounded: it
 * stops when told, or after two minutes at the latest.
 */
final class CacheLoad implements AutoCloseable {

    private static final long MAX_MILLIS = TimeUnit.MINUTES.toMillis(2);

    private final MemcachedClient cache;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    CacheLoad(MemcachedClient cache, int threadCount) {
        this.cache = cache;
        long deadline = System.currentTimeMillis() + MAX_MILLIS;
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                long i = 0;
                while (running.get() && System.currentTimeMillis() < deadline) {
                    one("load-" + thread + "-" + (i++ % 1000), thread + ":" + i);
                }
            }, "cache-load-" + t);
            worker.start();
            threads.add(worker);
        }
    }

    private void one(String key, String value) {
        try {
            cache.set(key, 0, value);
            operations.incrementAndGet();
            Object read = cache.get(key);
            operations.incrementAndGet();
            if (!value.equals(read)) {
                misses.incrementAndGet();
            }
        } catch (Exception e) {
            failures.add(e);
        }
    }

    /** Waits until at least {@code more} further operations completed. */
    void awaitOperations(long more) throws InterruptedException {
        long target = operations.get() + more;
        long deadline = System.currentTimeMillis() + 30_000;
        while (operations.get() < target && System.currentTimeMillis() < deadline && failures.isEmpty()) {
            Thread.sleep(5);
        }
    }

    long operations() {
        return operations.get();
    }

    long misses() {
        return misses.get();
    }

    List<Throwable> failures() {
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
