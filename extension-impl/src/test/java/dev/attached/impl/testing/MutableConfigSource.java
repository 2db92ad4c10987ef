package dev.attached.impl.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.attached.spi.ObservableConfigSource;

/** A config source tests change at run time, as an operator would change a deploy's configuration. */
public final class MutableConfigSource implements ObservableConfigSource {

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();

    public MutableConfigSource(Map<String, String> initial) {
        values.putAll(initial);
    }

    /** Sets a value and tells the listeners, as a dynamic source does. */
    public MutableConfigSource set(String key, String value) {
        values.put(key, value);
        listeners.forEach(l -> l.accept(Set.of(key)));
        return this;
    }

    public MutableConfigSource remove(String key) {
        values.remove(key);
        listeners.forEach(l -> l.accept(Set.of(key)));
        return this;
    }

    /** Sets several values at once, reported as one change. */
    public MutableConfigSource setAll(Map<String, String> changes) {
        values.putAll(changes);
        listeners.forEach(l -> l.accept(Set.copyOf(changes.keySet())));
        return this;
    }

    @Override
    public void addChangeListener(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeChangeListener(Consumer<Set<String>> listener) {
        listeners.remove(listener);
    }

    /** How many listeners are subscribed: an application that shut down must have left none behind. */
    public int listeners() {
        return listeners.size();
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
        return "test-mutable";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
