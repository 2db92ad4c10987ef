package dev.attached.impl.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.attached.ResourceDrained;
import dev.attached.impl.Messages;
import dev.attached.impl.config.Durations;
import dev.attached.impl.config.Secrets;

/**
 * Closes retired generations. No timer decides when: a generation is looked at when it is retired and again every
 * time a caller leaves it or its kind gets a lent unit back, and closes the first time nothing is in use. The only
 * timer is the drain timeout, after which whatever is still in use is cut. Closing runs on the drain thread, never
 * on the caller whose leaving made the generation idle.
 */
final class Drainer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Drainer.class.getName());

    private final ScheduledExecutorService deadlines;
    private final Executor closer;
    private final LongSupplier nanoClock;
    private final ResourceEvents events;

    /** Retired generations not yet closed, with their drain deadline; closed at once on shutdown. */
    private final Map<Generation<?>, Draining> draining = new ConcurrentHashMap<>();

    private record Draining(String name, Future<?> deadline) {
    }

    /**
     * @param deadlines runs the drain timeouts
     * @param closer runs the closing of generations
     * @param events where each closing is reported
     */
    Drainer(ScheduledExecutorService deadlines, Executor closer, LongSupplier nanoClock, ResourceEvents events) {
        this.deadlines = deadlines;
        this.closer = closer;
        this.nanoClock = nanoClock;
        this.events = events;
    }

    /** Retires a generation that no longer takes new work and closes it once it is idle. */
    void retire(String name, Generation<?> generation, Duration drainTimeout) {
        long start = nanoClock.getAsLong();
        Runnable released = () -> closeIfIdle(name, generation, start);
        generation.retire(released); // from here on nobody new gets in
        draining.put(generation, new Draining(name, deadlines.schedule(() -> cut(name, generation, drainTimeout, start),
                drainTimeout.toNanos(), TimeUnit.NANOSECONDS)));
        if (generation.isClosed()) { // closed before it was recorded: by its last caller, or a very short deadline
            Draining entry = draining.remove(generation);
            if (entry != null) {
                entry.deadline().cancel(false);
            }
        } else {
            released.run();
        }
    }

    /** How many retired generations wait for their work to end. */
    int draining() {
        return draining.size();
    }

    private void closeIfIdle(String name, Generation<?> generation, long start) {
        if (generation.isClosed() || generation.inUse() > 0 || !generation.markClosed()) {
            return;
        }
        Draining entry = draining.remove(generation);
        if (entry != null) {
            entry.deadline().cancel(false);
        }
        Duration took = Duration.ofNanos(nanoClock.getAsLong() - start);
        closer.execute(() -> {
            closeQuietly(name, generation);
            LOG.info(Messages.drained(name, generation.number(), generation.handle().location(), took.toMillis()));
            events.fire(new ResourceDrained(name, generation.number(), generation.handle().location(), took, 0));
        });
    }

    private void cut(String name, Generation<?> generation, Duration drainTimeout, long start) {
        draining.remove(generation);
        int inUse = generation.inUse();
        if (!generation.markClosed()) {
            return;
        }
        LOG.warning(Messages.drainCut(name, generation.number(), generation.handle().location(), inUse,
                Durations.format(drainTimeout)));
        closeQuietly(name, generation);
        Duration took = Duration.ofNanos(nanoClock.getAsLong() - start);
        events.fire(new ResourceDrained(name, generation.number(), generation.handle().location(), took, inUse));
    }

    static <T> void closeQuietly(String name, Generation<T> generation) {
        try {
            generation.kind().close(generation.resource());
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, Messages.closeFailed(name, Secrets.describe(e, generation.handle())));
        }
    }

    /** Closes every generation still draining, cutting what is in use: the application is shutting down. */
    @Override
    public void close() {
        draining.forEach((generation, entry) -> {
            entry.deadline().cancel(false);
            if (generation.markClosed()) {
                closeQuietly(entry.name(), generation);
            }
        });
        draining.clear();
    }
}
