package dev.attached.impl.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

import dev.attached.impl.Messages;
import dev.attached.impl.source.PollingConfigSource;
import dev.attached.spi.ObservableConfigSource;

/**
 * Listens to every {@link ObservableConfigSource} of the application's {@code Config} and refreshes the resources
 * whose keys changed. Changes to one resource that arrive within the settle time of each other (a new url, then a
 * new password) are applied as one swap.
 */
final class ChangeSubscriptions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChangeSubscriptions.class.getName());

    private final Set<String> names;
    private final Consumer<String> refresh;
    private final long settleMillis;
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors
            .newSingleThreadScheduledExecutor(BoundedCalls.daemon("attached-config-change"));
    /** Applies changes: one resource's swap (probing a hung address, say) never delays another's. */
    private final ExecutorService appliers = Executors.newCachedThreadPool(BoundedCalls.daemon("attached-swap"));
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<PollingConfigSource> ownSources = new ArrayList<>();
    private volatile boolean closed;

    /** A listener added to a source, removed again at shutdown so the source does not keep the application. */
    private record Subscription(ObservableConfigSource source, Consumer<Set<String>> listener) {
    }

    private ChangeSubscriptions(Set<String> names, Consumer<String> refresh, Duration settle) {
        this.names = Set.copyOf(names);
        this.refresh = refresh;
        this.settleMillis = settle.toMillis();
    }

    /** @param settle the quiet period after a change before it is applied ({@code attached.change-settle}) */
    static ChangeSubscriptions subscribe(Config config, Duration settle, Set<String> names, Consumer<String> refresh) {
        ChangeSubscriptions subscriptions = new ChangeSubscriptions(names, refresh, settle);
        for (ConfigSource source : config.getConfigSources()) {
            if (source instanceof ObservableConfigSource observable) {
                Consumer<Set<String>> listener = subscriptions::changed;
                observable.addChangeListener(listener);
                subscriptions.subscriptions.add(new Subscription(observable, listener));
                if (source instanceof PollingConfigSource own) {
                    subscriptions.ownSources.add(own);
                }
                LOG.fine(() -> "Listening for changes of config source " + source.getName());
            }
        }
        return subscriptions;
    }

    private void changed(Set<String> keys) {
        if (closed) {
            return;
        }
        for (String name : names) {
            String prefix = "attached." + name + ".";
            String envPrefix = Messages.envName(name, "");
            if (keys.stream().map(ChangeSubscriptions::withoutProfile)
                    .anyMatch(key -> key.startsWith(prefix) || key.startsWith(envPrefix))) {
                pending.compute(name, (n, previous) -> {
                    if (previous != null) {
                        previous.cancel(false);
                    }
                    return scheduler.schedule(() -> appliers.execute(() -> apply(n)), settleMillis,
                            TimeUnit.MILLISECONDS);
                });
            }
        }
    }

    /** {@code %prod.attached.orders-db.url} is a key of {@code orders-db} too. */
    private static String withoutProfile(String key) {
        return key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key;
    }

    private void apply(String name) {
        if (closed) {
            return;
        }
        try {
            refresh.accept(name);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, Messages.refreshFailed(name, e.getClass().getName()));
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Subscription subscription : subscriptions) {
            try {
                subscription.source().removeChangeListener(subscription.listener());
            } catch (RuntimeException e) {
                LOG.warning(Messages.listenerNotRemoved(subscription.source().getName(), e));
            }
        }
        scheduler.shutdownNow();
        appliers.shutdownNow();
        ownSources.forEach(PollingConfigSource::close); // their polling threads serve this application only
    }
}
