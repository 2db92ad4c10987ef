package dev.attached.kind.memcached.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.attached.spi.ObservableConfigSource;

/**
 * The configuration of the engine-level tests, changed while the application runs as an operator would change a
 * deploy's configuration. Registered in {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource},
 * so MicroProfile Config creates it; its values and listeners are static, and {@link #reset} clears them before each
 * test.
 */
public final class TestConfigSource implements ObservableConfigSource {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();
    private static final List<Consumer<Set<String>>> LISTENERS = new CopyOnWriteArrayList<>();

    /** Starts a test from {@code keyValues} and no listener. */
    public static void reset(String... keyValues) {
        VALUES.clear();
        LISTENERS.clear();
        for (int i = 0; i < keyValues.length; i += 2) {
            VALUES.put(keyValues[i], keyValues[i + 1]);
        }
    }

    /** Sets values and tells the listeners, as one change. */
    public static void set(String... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            VALUES.put(keyValues[i], keyValues[i + 1]);
        }
        Set<String> changed = new java.util.HashSet<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            changed.add(keyValues[i]);
        }
        LISTENERS.forEach(l -> l.accept(Set.copyOf(changed)));
    }

    /** Removes values and tells the listeners. */
    public static void remove(String... keys) {
        for (String key : keys) {
            VALUES.remove(key);
        }
        LISTENERS.forEach(l -> l.accept(Set.of(keys)));
    }

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
        return "memcached-test";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
