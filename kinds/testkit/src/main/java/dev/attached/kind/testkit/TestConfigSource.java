package dev.attached.kind.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.attached.spi.ObservableConfigSource;

/**
 * The configuration of a {@link TestApp}, changed while it runs as an operator changes a deploy's configuration:
 * every change is reported to Attached as a dynamic source reports it.
 * <p>
 * MicroProfile Config creates it through {@code META-INF/services} of this module, as a server finds a source, so its
 * values and listeners are static: every {@link TestApp} starts from its own configuration and no listener.
 */
public final class TestConfigSource implements ObservableConfigSource {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();
    private static final List<Consumer<Set<String>>> LISTENERS = new CopyOnWriteArrayList<>();

    /** Forgets every value and listener, then holds exactly {@code values}; nobody is told. */
    static void reset(Map<String, String> values) {
        VALUES.clear();
        LISTENERS.clear();
        VALUES.putAll(values);
    }

    /** Sets key, value, key, value... and tells the listeners, as one change. */
    public static void set(String... keyValues) {
        setAll(KeyValues.toMap(keyValues));
    }

    /** Sets every entry of {@code changes} and tells the listeners, as one change. */
    public static void setAll(Map<String, String> changes) {
        VALUES.putAll(changes);
        changed(changes.keySet());
    }

    /** Removes keys and tells the listeners, as one change. */
    public static void remove(String... keys) {
        for (String key : keys) {
            VALUES.remove(key);
        }
        changed(List.of(keys));
    }

    private static void changed(Collection<String> keys) {
        Set<String> changed = Set.copyOf(keys);
        LISTENERS.forEach(listener -> listener.accept(changed));
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
        return "attached-kind-testkit";
    }

    /** Above the usual sources (system properties are 400), so a test's value always wins. */
    @Override
    public int getOrdinal() {
        return 500;
    }
}
