package dev.attached.impl.source;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.attached.impl.Messages;
import dev.attached.spi.ObservableConfigSource;

/**
 * A config source read from files that change under them. It re-reads them every poll interval once somebody
 * listens, and reports a change only once the whole read has stayed the same for its quiet period (the poll interval
 * plus the settle time): a file caught while it is written, or the first of several files written one after the
 * other, is never reported on its own. A file that is there but gives no value (empty, unreadable, not UTF-8) keeps
 * its last value; only a file that is gone removes its key. No listener, no thread.
 */
public abstract class PollingConfigSource implements ObservableConfigSource, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PollingConfigSource.class.getName());

    /** What one read found: the values, and the keys whose files are there but gave no value, with why. */
    protected record Snapshot(Map<String, String> values, Map<String, String> unreadable) {
    }

    private final String name;
    private final int ordinal;
    private final Duration pollInterval;
    private final long quietNanos;
    private final LongSupplier clock;
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> values;
    private ScheduledExecutorService poller;

    // the poller's own state: only the polling thread touches it
    private Map<String, String> candidate;
    private long candidateSince;
    private Map<String, String> reportedUnreadable = Map.of();
    private boolean reportedFailure;

    /**
     * @param settle added to the poll interval to make the quiet period: changes written within it of each other
     *        are reported as one
     */
    PollingConfigSource(String name, int ordinal, Duration pollInterval, Duration settle) {
        this(name, ordinal, pollInterval, settle, System::nanoTime);
    }

    PollingConfigSource(String name, int ordinal, Duration pollInterval, Duration settle, LongSupplier clock) {
        this.name = name;
        this.ordinal = ordinal;
        this.pollInterval = pollInterval;
        this.quietNanos = pollInterval.plus(settle).toNanos();
        this.clock = clock;
    }

    /**
     * Reads every key now. A folder that is gone gives no values; a file that is there but gives no value is listed
     * in {@link Snapshot#unreadable()}.
     *
     * @throws RuntimeException when nothing read can be trusted: every last value stands
     */
    protected abstract Snapshot read();

    private Map<String, String> values() {
        Map<String, String> current = values;
        if (current == null) {
            synchronized (this) {
                current = values;
                if (current == null) {
                    Map<String, String> first = Map.of();
                    try {
                        first = effective(read(), Map.of());
                    } catch (RuntimeException e) {
                        LOG.warning(Messages.sourceUnreadable(name, e.getClass().getName()));
                    }
                    current = values = Map.copyOf(first);
                }
            }
        }
        return current;
    }

    @Override
    public synchronized void addChangeListener(Consumer<Set<String>> listener) {
        listeners.add(listener);
        if (poller == null) {
            values();
            poller = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "attached-poll-" + name);
                thread.setDaemon(true);
                return thread;
            });
            long millis = pollInterval.toMillis();
            poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void removeChangeListener(Consumer<Set<String>> listener) {
        listeners.remove(listener);
    }

    /** Re-reads the files; reports the changed keys once the read has been the same for the quiet period. */
    void poll() {
        try {
            Map<String, String> committed = values();
            Snapshot snapshot;
            try {
                snapshot = read();
                reportedFailure = false;
            } catch (RuntimeException e) {
                if (!reportedFailure) {
                    LOG.warning(Messages.sourceUnreadable(name, e.getClass().getName()));
                    reportedFailure = true;
                }
                return;
            }
            Map<String, String> now = effective(snapshot, committed);
            if (now.equals(committed)) {
                candidate = null;
                return;
            }
            long time = clock.getAsLong();
            if (!now.equals(candidate)) {
                candidate = now;
                candidateSince = time;
                return;
            }
            if (time - candidateSince < quietNanos) {
                return;
            }
            Set<String> changed = new HashSet<>();
            now.forEach((key, value) -> {
                if (!value.equals(committed.get(key))) {
                    changed.add(key);
                }
            });
            committed.keySet().stream().filter(key -> !now.containsKey(key)).forEach(changed::add);
            values = Map.copyOf(now);
            candidate = null;
            LOG.fine(() -> name + ": changed keys " + changed);
            listeners.forEach(listener -> listener.accept(Set.copyOf(changed)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, Messages.sourceUnreadable(name, e.getClass().getName()));
        }
    }

    /** The values a read stands for: an unreadable key keeps its last value; each new reason is logged once. */
    private Map<String, String> effective(Snapshot snapshot, Map<String, String> committed) {
        Map<String, String> now = new TreeMap<>(snapshot.values());
        Map<String, String> reasons = new HashMap<>();
        snapshot.unreadable().forEach((key, reason) -> {
            String last = committed.get(key);
            if (last != null) {
                now.put(key, last);
            }
            reasons.put(key, reason);
            if (!reason.equals(reportedUnreadable.get(key))) {
                if (reason.equals(MountedFiles.EMPTY)) {
                    LOG.fine(() -> Messages.fileUnreadable(name, key, reason));
                } else {
                    LOG.warning(Messages.fileUnreadable(name, key, reason));
                }
            }
        });
        reportedUnreadable = reasons;
        return now;
    }

    @Override
    public Map<String, String> getProperties() {
        return values();
    }

    @Override
    public Set<String> getPropertyNames() {
        return values().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values().get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ordinal;
    }

    /** Stops polling; for tests and shutdown. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
