package dev.attached.kind.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads that call one piece of work without pause, as an application's request threads would through an injected
 * client while the resource is swapped under them. Every call that returns is counted, every exception is kept
 * (and the thread goes on). Bounded: it stops when closed, or after two minutes at the latest.
 *
 * <pre>
 * try (Load load = new Load("publish", 8, thread -&gt; orders.publish("m" + sequence.incrementAndGet()))) {
 *     load.awaitCalls(1000);
 *     ... // swap
 *     load.awaitCalls(1000);
 * }
 * </pre>
 */
public final class Load implements AutoCloseable {

    private static final long MAX_MILLIS = TimeUnit.MINUTES.toMillis(2);
    private static final long AWAIT_MILLIS = TimeUnit.SECONDS.toMillis(30);

    /** One call of one thread: a publish, a command, a set and a get. */
    @FunctionalInterface
    public interface Work {
        /** @param thread which thread calls, from 0 */
        void call(int thread) throws Exception;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong calls = new AtomicLong();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Starts {@code threadCount} threads, named {@code <name>-<n>}, each calling {@code work} without pause. */
    public Load(String name, int threadCount, Work work) {
        long deadline = System.currentTimeMillis() + MAX_MILLIS;
        for (int i = 0; i < threadCount; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                while (running.get() && System.currentTimeMillis() < deadline) {
                    try {
                        work.call(index);
                        calls.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            }, name + "-" + i);
            thread.start();
            threads.add(thread);
        }
    }

    /** Waits until at least {@code more} further calls returned, a call failed, or 30 seconds passed. */
    public void awaitCalls(long more) throws InterruptedException {
        long target = calls.get() + more;
        long deadline = System.currentTimeMillis() + AWAIT_MILLIS;
        while (calls.get() < target && System.currentTimeMillis() < deadline && failures.isEmpty()) {
            Thread.sleep(5);
        }
    }

    /** Calls that returned. */
    public long calls() {
        return calls.get();
    }

    /** What the calls that did not return threw, in order. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Stops the threads and waits until each has finished its call. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
