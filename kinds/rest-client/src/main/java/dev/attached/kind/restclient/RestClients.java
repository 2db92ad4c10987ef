package dev.attached.kind.restclient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One generation of a Rest Client resource: its settings, and one client per interface, built on the first call
 * through that interface and kept until the generation is closed. Clients are thread-safe and pool their
 * connections, so every caller shares them. Closing the generation closes every client it built (a MicroProfile
 * Rest Client instance is {@code AutoCloseable}).
 */
final class RestClients {

    private static final Logger LOG = Logger.getLogger(RestClients.class.getName());

    /** A built client, and what calls reach: the client itself or a {@link ClientView} of it. */
    private record Built(Object client, Object view) {
    }

    private final String description;
    private final Function<Class<?>, Object> factory;
    private final HealthProbe probe;
    private final Iterable<String> secrets;
    private final AsyncCalls async = new AsyncCalls();
    private final Map<Class<?>, Built> clients = new ConcurrentHashMap<>();
    private boolean closed;

    private RestClients(String description, Function<Class<?>, Object> factory, HealthProbe probe,
            Iterable<String> secrets) {
        this.description = description;
        this.factory = factory;
        this.probe = probe;
        this.secrets = secrets;
    }

    /** A generation built from settings; nothing is built or connected until it is used. */
    static RestClients open(RestClientSettings settings) {
        ClientFactory factory = new ClientFactory(settings);
        WireLogMask.add(settings.headers().secrets());
        return new RestClients(settings.location(), factory::build, new HealthProbe(settings),
                settings.headers().secrets());
    }

    /** The stand-in of a detached resource: every call fails at once with {@code message}. */
    static RestClients detached(String message) {
        return new RestClients("detached", type -> DetachedClient.of(type, message), null, List.of());
    }

    /** The client of {@code type}, built on first use. */
    Object client(Class<?> type) {
        Built built = clients.get(type);
        return built != null ? built.view() : build(type);
    }

    private synchronized Object build(Class<?> type) {
        Built built = clients.get(type);
        if (built != null) {
            return built.view();
        }
        if (closed) {
            throw new IllegalStateException("The Rest Client generation at " + description + " is closed");
        }
        Object client = factory.apply(type);
        built = new Built(client, ClientView.of(type, client, async));
        clients.put(type, built);
        LOG.fine(() -> "Built the Rest Client of " + type.getName() + " for " + description);
        return built.view();
    }

    Map<String, Object> probe(Duration timeout) throws ProbeException, InterruptedException {
        if (probe == null) {
            throw new ProbeException("The resource is detached");
        }
        return probe.probe(timeout);
    }

    AsyncCalls async() {
        return async;
    }

    /** How many clients were built so far. */
    int built() {
        return clients.size();
    }

    /** Closes every client built, and the probe's; the first failure is thrown once all were closed. */
    void close() throws Exception {
        List<Object> built;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            built = new ArrayList<>();
            clients.values().forEach(b -> built.add(b.client()));
        }
        Exception failure = null;
        for (Object client : built) {
            try {
                if (client instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (probe != null) {
            probe.close();
        }
        WireLogMask.remove(secrets);
        LOG.fine(() -> "Closed " + built.size() + " Rest Client(s) of " + description);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "RestClients[" + description + ", " + clients.size() + " built" + (closed ? ", closed" : "") + "]";
    }
}
