package dev.attached.kind.rabbitmq.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.attached.spi.ObservableConfigSource;

/**
 * A config source the tests change while the application runs, as an operator changes a deploy's configuration.
 * Found through {@code META-INF/services}; its values are static, so {@link #reset} starts every test afresh.
 */
public final class TestConfigSource implements ObservableConfigSource {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();
    private static final List<Consumer<Set<String>>> LISTENERS = new CopyOnWriteArrayList<>();

    /** Forgets every value and listener, then sets key, value, key, value... */
    public static void reset(String... keyValues) {
        VALUES.clear();
        LISTENERS.clear();
        for (int i = 0; i < keyValues.length; i += 2) {
            VALUES.put(keyValues[i], keyValues[i + 1]);
        }
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

    /** How many listeners are subscribed: the application's, while it runs. */
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
        return "rabbitmq-test";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
