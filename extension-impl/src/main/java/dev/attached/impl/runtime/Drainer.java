package dev.attached.impl.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.attached.impl.Messages;
import dev.attached.impl.config.Durations;
import dev.attached.impl.config.Secrets;
import dev.attached.spi.ResourceKind;

/**
 * Closes replaced generations once their in-flight work is done, or when their drain timeout expires. The first
 * look comes after a short grace period: a caller may have resolved the old generation a moment before the swap and
 * not yet borrowed from it.
 */
final class Drainer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Drainer.class.getName());
    private static final long GRACE_MILLIS = 250;
    private static final long POLL_MILLIS = 50;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "attached-drain");
        thread.setDaemon(true);
        return thread;
    });

    /** Generations not yet closed, closed at once on shutdown. */
    private final Set<Runnable> pending = ConcurrentHashMap.newKeySet();

    <T> void retire(String name, ResourceKind<T> kind, Generation<T> generation, Duration drainTimeout) {
        Runnable closer = () -> closeQuietly(name, kind, generation);
        pending.add(closer);
        long start = System.nanoTime();
        long deadline = start + drainTimeout.toNanos();
        Runnable check = new Runnable() {
            @Override
            public void run() {
                int inUse = kind.inUse(generation.resource());
                long now = System.nanoTime();
                if (inUse > 0 && now < deadline) {
                    scheduler.schedule(this, POLL_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                }
                String location = generation.handle().location();
                if (inUse > 0) {
                    LOG.warning(Messages.drainCut(name, generation.number(), location, inUse,
                            Durations.format(drainTimeout)));
                } else {
                    LOG.info(Messages.drained(name, generation.number(), location,
                            TimeUnit.NANOSECONDS.toMillis(now - start)));
                }
                if (pending.remove(closer)) {
                    closer.run();
                }
            }
        };
        scheduler.schedule(check, GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    static <T> void closeQuietly(String name, ResourceKind<T> kind, Generation<T> generation) {
        try {
            kind.close(generation.resource());
        } catch (Exception e) {
            LOG.log(Level.WARNING, Messages.closeFailed(name, Secrets.describe(e, generation.handle())));
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        pending.removeIf(closer -> {
            closer.run();
            return true;
        });
    }
}
