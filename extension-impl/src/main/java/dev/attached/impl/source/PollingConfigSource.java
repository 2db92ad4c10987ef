package dev.attached.impl.source;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.attached.impl.Messages;
import dev.attached.spi.ObservableConfigSource;

/**
 * A config source read from files that change under it. It re-reads them every poll interval once somebody listens,
 * and reports the keys whose values changed. No listener, no thread.
 */
public abstract class PollingConfigSource implements ObservableConfigSource, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PollingConfigSource.class.getName());

    private final String name;
    private final int ordinal;
    private final Duration pollInterval;
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> values;
    private ScheduledExecutorService poller;

    PollingConfigSource(String name, int ordinal, Duration pollInterval) {
        this.name = name;
        this.ordinal = ordinal;
        this.pollInterval = pollInterval;
    }

    /** Reads every key now. Must not throw for a missing or half-written tree: return what can be read. */
    protected abstract Map<String, String> read();

    private Map<String, String> values() {
        Map<String, String> current = values;
        if (current == null) {
            current = values = Map.copyOf(read());
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

    /** Re-reads the files and tells the listeners which keys changed. */
    void poll() {
        try {
            Map<String, String> before = values();
            Map<String, String> after = Map.copyOf(read());
            Set<String> changed = new HashSet<>();
            after.forEach((key, value) -> {
                if (!value.equals(before.get(key))) {
                    changed.add(key);
                }
            });
            before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(changed::add);
            if (!changed.isEmpty()) {
                values = after;
                LOG.fine(() -> name + ": changed keys " + changed);
                listeners.forEach(listener -> listener.accept(Set.copyOf(changed)));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, Messages.sourceUnreadable(name, e.getClass().getName()));
        }
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
