package dev.attached.kind.redis.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.attached.kind.testkit.Load;

/**
 * Writers that run {@code SET op:<n> <nanoTime when started>} without pause through the injected references, each
 * thread through one of them: {@code RedisCommands} (Attached's proxy), {@code connection.sync()},
 * {@code connection.async()} and {@code connection.reactive()} (the kind's own reference), two threads each. Every
 * answered write and every failure is counted. Bounded: it stops when told, or after two minutes at the latest.
 */
public final class RedisLoad implements AutoCloseable {

    /** How a writer reaches Redis. */
    public enum Path {
        COMMANDS, CONNECTION_SYNC, CONNECTION_ASYNC, CONNECTION_REACTIVE
    }

    private final Cache cache;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Long, Long> written = new ConcurrentHashMap<>();
    private final Map<Path, AtomicLong> byPath = new ConcurrentHashMap<>();
    private final Load load;

    public RedisLoad(Cache cache, int threadCount) {
        this.cache = cache;
        for (int i = 0; i < threadCount; i++) {
            byPath.put(pathOf(i), new AtomicLong());
        }
        load = new Load("redis-load", threadCount, thread -> writeOne(pathOf(thread)));
    }

    private static Path pathOf(int thread) {
        return Path.values()[thread % Path.values().length];
    }

    private void writeOne(Path path) throws Exception {
        long seq = sequence.incrementAndGet();
        long startedAt = System.nanoTime(); // before the call: a write started after a swap must reach the new server
        String key = "op:" + seq;
        String value = Long.toString(startedAt);
        String answer = switch (path) {
            case COMMANDS -> cache.commands().set(key, value);
            case CONNECTION_SYNC -> cache.connection().sync().set(key, value);
            case CONNECTION_ASYNC -> cache.connection().async().set(key, value).get(30, TimeUnit.SECONDS);
            case CONNECTION_REACTIVE -> cache.connection().reactive().set(key, value).block(Duration.ofSeconds(30));
        };
        if (!"OK".equals(answer)) {
            throw new IllegalStateException("SET answered " + answer);
        }
        written.put(seq, startedAt);
        byPath.get(path).incrementAndGet();
    }

    /** Waits until at least {@code more} further writes were answered (or a failure happened). */
    public void awaitWrites(int more) throws InterruptedException {
        load.awaitCalls(more);
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
        return load.failures();
    }

    @Override
    public void close() throws InterruptedException {
        load.close();
    }
}
