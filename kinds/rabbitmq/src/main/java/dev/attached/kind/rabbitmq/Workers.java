package dev.attached.kind.rabbitmq;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The kind's own threads: daemons that end when idle, so nothing lingers once an application stops. */
final class Workers {

    /** Runs probes, so a probe can give up at its timeout while the client's own timeouts end the attempt. */
    static final ExecutorService PROBES = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemons("attached-rabbitmq-probe"));

    /**
     * Drains the consumers of retiring generations. A few threads, so one old broker that hangs a cancel (until the
     * engine's drain timeout closes its connection) does not hold up the drain of every other resource.
     */
    static final ScheduledThreadPoolExecutor DRAINS = drains();

    private Workers() {
    }

    static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static ScheduledThreadPoolExecutor drains() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(4, daemons("attached-rabbitmq-drain"));
        executor.setKeepAliveTime(10, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
