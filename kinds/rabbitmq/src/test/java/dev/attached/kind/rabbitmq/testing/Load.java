package dev.attached.kind.rabbitmq.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishers that send confirmed messages without pause through one injected connection, counting every confirmed
 * message and every failure. Bounded: it stops when told, or after two minutes at the latest.
 */
public final class Load implements AutoCloseable {

    private static final long MAX_MILLIS = TimeUnit.MINUTES.toMillis(2);

    private final Orders orders;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public Load(Orders orders, int threadCount) {
        this.orders = orders;
        long deadline = System.currentTimeMillis() + MAX_MILLIS;
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(() -> {
                while (running.get() && System.currentTimeMillis() < deadline) {
                    publishOne();
                }
            }, "load-" + i);
            thread.start();
            threads.add(thread);
        }
    }

    private void publishOne() {
        String id = "m" + sequence.incrementAndGet();
        try {
            orders.publish(id);
            confirmed.add(id);
        } catch (Exception e) {
            failures.add(e);
        }
    }

    /** Waits until at least {@code more} further messages were confirmed. */
    public void awaitConfirms(int more) throws InterruptedException {
        long target = confirmed.size() + more;
        long deadline = System.currentTimeMillis() + 30_000;
        while (confirmed.size() < target && System.currentTimeMillis() < deadline && failures.isEmpty()) {
            Thread.sleep(5);
        }
    }

    /** Messages the broker confirmed. */
    public Set<String> confirmed() {
        return Set.copyOf(confirmed);
    }

    /** Operations tried: confirmed ones and failures. */
    public long operations() {
        return confirmed.size() + failures.size();
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
