package dev.attached.tck;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.attached.spi.ObservableConfigSource;

/**
 * A dynamic config source of ordinal 50, below {@code microprofile-config.properties} (100): a change it reports
 * must not win over a value a higher source holds.
 */
public class TckLowConfigSource implements ObservableConfigSource {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();
    private static final CopyOnWriteArrayList<Consumer<Set<String>>> LISTENERS = new CopyOnWriteArrayList<>();

    /** Sets a value and reports it as changed. */
    public static void set(String key, String value) {
        VALUES.put(key, value);
        LISTENERS.forEach(listener -> listener.accept(Set.of(key)));
    }

    /** Forgets every value; call it after each test. */
    public static void reset() {
        VALUES.clear();
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
        return "attached-tck-low";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
