package dev.attached.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.attached.spi.ObservableConfigSource;

/**
 * A dynamic config source written by the TCK's tests, as an operator's secret store would change a value. Ordinal
 * 900: it wins over {@code microprofile-config.properties}, system properties and environment variables. Shipped in
 * test deployments through {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}. It starts
 * with the values of the deployment's {@value #INITIAL} (see {@link Deployments#dynamic}), so a test can remove a
 * value the application started with.
 */
public class TckConfigSource implements ObservableConfigSource {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();
    private static final CopyOnWriteArrayList<Consumer<Set<String>>> LISTENERS = new CopyOnWriteArrayList<>();

    /** The resource holding the values the source starts with. */
    public static final String INITIAL = "META-INF/attached-tck-source.properties";

    /** Created with the application's {@code Config}: starts from the deployment's initial values. */
    public TckConfigSource() {
        reset();
    }

    /** Sets a value and reports it as changed. */
    public static void set(String key, String value) {
        VALUES.put(key, value);
        LISTENERS.forEach(listener -> listener.accept(Set.of(key)));
    }

    /** Removes a value and reports it as changed. */
    public static void remove(String key) {
        VALUES.remove(key);
        LISTENERS.forEach(listener -> listener.accept(Set.of(key)));
    }

    /** Sets a value without telling anyone, as a source that cannot report changes would. */
    public static void setQuietly(String key, String value) {
        VALUES.put(key, value);
    }

    /** The value this source holds now, as the test wrote it; {@code null} when it holds none. */
    public static String value(String key) {
        return VALUES.get(key);
    }

    /** How many listeners are subscribed. */
    public static int listeners() {
        return LISTENERS.size();
    }

    /** Goes back to the deployment's initial values, without reporting a change; call it after each test. */
    public static void reset() {
        VALUES.clear();
        try (InputStream in = initialValues()) {
            if (in != null) {
                Properties initial = new Properties();
                initial.load(in);
                initial.stringPropertyNames().forEach(key -> VALUES.put(key, initial.getProperty(key)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The deployment's initial values: through the thread's class loader, else this class's own. WildFly creates
     * config sources on a server thread whose context class loader is not the deployment's.
     */
    private static InputStream initialValues() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(INITIAL);
        return in != null ? in : TckConfigSource.class.getClassLoader().getResourceAsStream(INITIAL);
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
        return "attached-tck";
    }

    @Override
    public int getOrdinal() {
        return 900;
    }
}
