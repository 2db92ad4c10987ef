package dev.attached.kind.redis.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.attached.spi.ObservableConfigSource;

/**
 * The configuration of the test applications, changed at run time as an operator would change a deploy's. Found by
 * MicroProfile Config through {@code META-INF/services}, so its state is static: {@link #reset} it per test.
 */
public final class TestConfigSource implements ObservableConfigSource {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();
    private static final List<Consumer<Set<String>>> LISTENERS = new CopyOnWriteArrayList<>();

    /** Replaces every value (listeners are not told: call this before an application starts). */
    public static void reset(Map<String, String> values) {
        VALUES.clear();
        VALUES.putAll(values);
    }

    /** Sets a value and tells the listeners, as a dynamic source does. */
    public static void set(String key, String value) {
        VALUES.put(key, value);
        LISTENERS.forEach(l -> l.accept(Set.of(key)));
    }

    public static void remove(String key) {
        VALUES.remove(key);
        LISTENERS.forEach(l -> l.accept(Set.of(key)));
    }

    /** Sets several values, reported as one change. */
    public static void setAll(Map<String, String> changes) {
        VALUES.putAll(changes);
        LISTENERS.forEach(l -> l.accept(Set.copyOf(changes.keySet())));
    }

    /** How many listeners are subscribed: Attached unsubscribes when the application stops. */
    public static int listeners() {
        return LISTENERS.size();
    }

    @Override
    public void addChangeListener(Consumer<Set<String>> listener) {
        LISTENERS.add(listener);
    }

    @Override
    public void removeChangeListener(Consumer<Set<String>> listener) {
        LISTENERS.remove(listener);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(VALUES.keySet());
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return "redis-kind-test";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
