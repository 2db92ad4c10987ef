package dev.attached.impl.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.attached.impl.testing.Canary;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.SilentServer;
import dev.attached.impl.testing.TestApp;

/**
 * 50 threads call readiness without pause while the database accepts connections and never answers: every call is
 * bounded, the application's thread count stays flat, and the hung service sees a bounded number of connections.
 * Figures go to {@code target/reliability/probe-storm.md}.
 */
@Timeout(120)
class ProbeStormTest {

    @Test
    void fiftyThreadsCallingReadinessOfAHungDatabase() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (SilentServer hung = new SilentServer();
                TestApp app = TestApp.with("attached.orders-db.url",
                        "postgres://app:" + Canary.PASSWORD + "@127.0.0.1:" + hung.port() + "/x",
                        "attached.orders-db.health.timeout", "1s").beans(Orders.class).start()) {
            app.readiness(); // the first probe's threads exist before counting
            int threadsBefore = mx.getThreadCount();
            List<Long> millis = new CopyOnWriteArrayList<>();
            AtomicInteger maxThreads = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            List<String> leaks = new CopyOnWriteArrayList<>();
            List<Thread> callers = new ArrayList<>();
            long seconds = 10;
            for (int i = 0; i < 50; i++) {
                Thread caller = new Thread(() -> {
                    while (running.get()) {
                        long start = System.nanoTime();
                        String json = app.readiness().toString();
                        millis.add((System.nanoTime() - start) / 1_000_000);
                        if (json.contains(Canary.PASSWORD)) {
                            leaks.add(json);
                        }
                        maxThreads.accumulateAndGet(mx.getThreadCount(), Math::max);
                    }
                }, "storm-" + i);
                caller.start();
                callers.add(caller);
            }
            Thread.sleep(seconds * 1000);
            running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
            Thread.sleep(3000); // abandoned probes give up
            int threadsAfter = mx.getThreadCount();
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            long p50 = sorted.get(sorted.size() / 2);
            long p99 = sorted.get(sorted.size() * 99 / 100);
            long max = sorted.get(sorted.size() - 1);
            int connections = hung.accepted();
            assertFalse(!leaks.isEmpty(), leaks.toString());
            Report.row("probe-storm", "| storm | readiness calls | call time p50 / p99 / max | application threads "
                    + "before / most during / after (callers excluded) | connections the hung database received |",
                    "50 threads for " + seconds + " s, health.timeout 1s, a database that accepts and never answers",
                    String.valueOf(sorted.size()), p50 + " / " + p99 + " / " + max + " ms",
                    threadsBefore + " / " + (maxThreads.get() - 50) + " / " + threadsAfter,
                    connections + " (" + String.format("%.1f", connections / (double) seconds) + " a second)");
            assertTrue(max <= 2500, "a readiness call took " + max + " ms");
            assertTrue(maxThreads.get() - 50 <= threadsBefore + 10, "threads grew to " + maxThreads.get());
            assertTrue(threadsAfter <= threadsBefore + 5, "threads after: " + threadsAfter);
            assertTrue(connections <= 4 * seconds, "the hung database received " + connections + " connections");
        }
    }
}
