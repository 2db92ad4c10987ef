package dev.attached.impl;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.attached.ResourceHandle;
import dev.attached.spi.ResourceKind;

/**
 * A kind plugged in through ServiceLoader by the tests, as a user would plug in their own. It counts nothing itself:
 * calls in flight are Attached's to count. A queue at host {@code hang} does not answer its probes while
 * {@link #hangProbes} is set.
 */
public final class TestQueueKind implements ResourceKind<String, TestQueueKind.Queue> {

    /** Every queue opened, oldest first. */
    public static final List<Queue> OPENED = new CopyOnWriteArrayList<>();
    /** Probes of {@code queue://hang} wait for this while it is set. */
    public static volatile CountDownLatch hangProbes = new CountDownLatch(0);
    /** Probes waiting now. */
    public static final AtomicInteger HUNG = new AtomicInteger();

    public static void reset() {
        OPENED.clear();
        hangProbes.countDown();
        hangProbes = new CountDownLatch(0);
    }

    /** What the kind injects: an interface, so Attached's proxy reference stands for it. */
    public interface Queue {

        String location();

        /** Runs {@code during} inside the call, then answers with the location, or fails if the queue is closed. */
        String call(Runnable during);

        boolean closed();
    }

    private static final class OpenQueue implements Queue {
        private final String location;
        private volatile boolean closed;

        OpenQueue(String location) {
            this.location = location;
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public String call(Runnable during) {
            during.run();
            if (closed) {
                throw new IllegalStateException("queue " + location + " is closed");
            }
            return location;
        }

        @Override
        public boolean closed() {
            return closed;
        }
    }

    @Override
    public String name() {
        return "test-queue";
    }

    @Override
    public Class<Queue> type() {
        return Queue.class;
    }

    @Override
    public String configure(ResourceHandle handle, List<String> problems) {
        if (!"queue".equals(handle.uri().getScheme())) {
            problems.add("url: not a queue:// URL");
        }
        return handle.uri().toString();
    }

    @Override
    public Queue open(String location) {
        Queue queue = new OpenQueue(location);
        OPENED.add(queue);
        return queue;
    }

    @Override
    public Map<String, Object> probe(Queue resource, Duration timeout) throws InterruptedException {
        if (resource.location().startsWith("queue://hang")) {
            HUNG.incrementAndGet();
            try {
                hangProbes.await();
            } finally {
                HUNG.decrementAndGet();
            }
        }
        return Map.of();
    }

    @Override
    public void close(Queue resource) {
        ((OpenQueue) resource).closed = true;
    }
}
