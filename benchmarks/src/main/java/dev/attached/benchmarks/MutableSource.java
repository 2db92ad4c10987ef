package dev.attached.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.attached.spi.ObservableConfigSource;

/** A deploy's configuration that changes while the application runs, as an operator or a Secret rotation would. */
final class MutableSource implements ObservableConfigSource {

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();

    /** @param initial the configuration at start; a null value is a key that is not set */
    MutableSource(Map<String, String> initial) {
        initial.forEach((key, value) -> {
            if (value != null) {
                values.put(key, value);
            }
        });
    }

    /** Changes several keys at once and signals them as one change (a Kubernetes Secret's atomic flip). */
    void setAll(Map<String, String> changes) {
        changes.forEach((key, value) -> {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
        });
        listeners.forEach(l -> l.accept(Set.copyOf(changes.keySet())));
    }

    /** Changes keys without telling anyone: a refresh picks them up. */
    void putQuietly(Map<String, String> changes) {
        changes.forEach((key, value) -> {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
        });
    }

    @Override
    public void addChangeListener(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeChangeListener(Consumer<Set<String>> listener) {
        listeners.remove(listener);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(values.keySet());
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "benchmark-config";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
