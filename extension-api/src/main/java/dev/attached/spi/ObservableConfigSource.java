package dev.attached.spi;

import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A {@link ConfigSource} whose values change while the application runs, and says so. Attached subscribes to every
 * such source in the application's {@code Config}; when a reported key lies under {@code attached.<name>.}, that
 * resource's configuration is re-read (through {@code Config}, so ordinals still decide) and, if its handle changed,
 * the resource is swapped. Attached unsubscribes when the application shuts down, so a source that outlives the
 * application does not keep it reachable.
 *
 * <pre>
 * public class VaultSource implements ObservableConfigSource {
 *     private final Set&lt;Consumer&lt;Set&lt;String&gt;&gt;&gt; listeners = ConcurrentHashMap.newKeySet();
 *
 *     public void addChangeListener(Consumer&lt;Set&lt;String&gt;&gt; listener) { listeners.add(listener); }
 *     public void removeChangeListener(Consumer&lt;Set&lt;String&gt;&gt; listener) { listeners.remove(listener); }
 *     ...
 * }
 * </pre>
 */
public interface ObservableConfigSource extends ConfigSource {

    /** Called with the names of the properties whose values changed (added, updated, removed). */
    void addChangeListener(Consumer<Set<String>> changedPropertyNames);

    /** Stops calling a listener; Attached calls it when the application shuts down. */
    default void removeChangeListener(Consumer<Set<String>> changedPropertyNames) {
    }
}
