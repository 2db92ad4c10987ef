package dev.attached.tck;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.attached.spi.ObservableConfigSource;

/**
 * A dynamic config source written by the TCK's tests, as an operator's secret store would change a value. Shipped
 * in test deployments through {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}.
 */
public class TckConfigSource implements ObservableConfigSource {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();
    private static final CopyOnWriteArrayList<Consumer<Set<String>>> LISTENERS = new CopyOnWriteArrayList<>();

    /** Sets a value and reports it as changed. */
    public static void set(String key, String value) {
        VALUES.put(key, value);
        LISTENERS.forEach(listener -> listener.accept(Set.of(key)));
    }

    /** Forgets every value and listener; call it after each test. */
    public static void reset() {
        VALUES.clear();
        LISTENERS.clear();
    }

    @Override
    public void addChangeListener(Consumer<Set<String>> listener) {
        LISTENERS.add(listener);
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
        return "attached-tck";
    }

    @Override
    public int getOrdinal() {
        return 900;
    }
}
