package dev.attached.kind.redis.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers that run {@code SET op:<n> <nanoTime when started>} without pause through the injected references, each
 * thread through one of them: {@code RedisCommands} (Attached's proxy), {@code connection.sync()},
 * {@code connection.async()} and {@code connection.reactive()} (the kind's own reference), two threads each. Every answered write and every failure is counted. Bounded:
 * it stops when told, or after two minutes at the latest.
 */
public final class RedisLoad implements AutoCloseable {

    private static final long MAX_MILLIS = TimeUnit.MINUTES.toMillis(2);

    /** How a writer reaches Redis. */
    public enum Path {
        COMMANDS, CONNECTION_SYNC, CONNECTION_ASYNC, CONNECTION_REACTIVE
    }

    private final Cache cache;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Long, Long> written = new ConcurrentHashMap<>();
    private final Map<Path, AtomicLong> byPath = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public RedisLoad(Cache cache, int threadCount) {
        this.cache = cache;
        long deadline = System.currentTimeMillis() + MAX_MILLIS;
        for (int i = 0; i < threadCount; i++) {
            Path path = Path.values()[i % Path.values().length];
            byPath.put(path, new AtomicLong());
            Thread thread = new Thread(() -> {
                while (running.get() && System.currentTimeMillis() < deadline) {
                    writeOne(path);
                }
            }, "load-" + i + "-" + path);
            thread.start();
            threads.add(thread);
        }
    }

    private void writeOne(Path path) {
        long seq = sequence.incrementAndGet();
        long startedAt = System.nanoTime(); // before the call: a write started after a swap must reach the new server
        String key = "op:" + seq;
        String value = Long.toString(startedAt);
        try {
            String answer = switch (path) {
                case COMMANDS -> cache.commands().set(key, value);
                case CONNECTION_SYNC -> cache.connection().sync().set(key, value);
                case CONNECTION_ASYNC -> cache.connection().async().set(key, value).get(30, TimeUnit.SECONDS);
                case CONNECTION_REACTIVE -> cache.connection().reactive().set(key, value)
                        .block(Duration.ofSeconds(30));
            };
            if (!"OK".equals(answer)) {
                throw new IllegalStateException("SET answered " + answer);
            }
            written.put(seq, startedAt);
            byPath.get(path).incrementAndGet();
        } catch (Exception e) {
            failures.add(e);
        }
    }

    /** Waits until at least {@code more} further writes were answered (or a failure happened). */
    public void awaitWrites(int more) throws InterruptedException {
        long target = written.size() + more;
        long deadline = System.currentTimeMillis() + 30_000;
        while (written.size() < target && System.currentTimeMillis() < deadline && failures.isEmpty()) {
            Thread.sleep(5);
        }
    }

    /** Answered writes: sequence number to the nanoTime it started at. */
    public Map<Long, Long> written() {
        return Map.copyOf(written);
    }

    public Map<Path, Long> writtenByPath() {
        Map<Path, Long> counts = new ConcurrentHashMap<>();
        byPath.forEach((path, count) -> counts.put(path, count.get()));
        return counts;
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
