package dev.attached.tck.kind;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.attached.ResourceHandle;
import dev.attached.spi.ResourceKind;

/**
 * The TCK's plug-in kind, added to a deployment through {@code META-INF/services/dev.attached.spi.ResourceKind} as
 * an application adds one. Its urls are {@code echo://<host>/...}: host {@code down} never answers a probe (it
 * fails at once), host {@code hung} never returns from one, any other host answers. Each generation has an id, and
 * the kind records which were closed, so a test sees when the extension lets one go.
 */
public class EchoKind implements ResourceKind<URI, EchoKind.Service> {

    private static final AtomicLong SERIAL = new AtomicLong();
    private static final Set<Long> CLOSED = ConcurrentHashMap.newKeySet();

    /** Whether the generation with this {@linkplain Echo#id() id} has been closed. */
    public static boolean closed(long id) {
        return CLOSED.contains(id);
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Class<Service> type() {
        return Service.class;
    }

    @Override
    public java.util.Set<java.lang.reflect.Type> types() {
        return java.util.Set.of(Echo.class);
    }

    @Override
    public URI configure(ResourceHandle handle, List<String> problems) {
        URI uri = handle.uri();
        if (!"echo".equals(uri.getScheme())) {
            problems.add("url: scheme '" + uri.getScheme() + "' does not fit an echo service (echo://host)");
        } else if (uri.getHost() == null) {
            problems.add("url: names no host");
        }
        return uri;
    }

    @Override
    public Service open(URI uri) {
        return new Service(uri.toString(), uri.getHost());
    }

    @Override
    public Map<String, Object> probe(Service service, Duration timeout) throws Exception {
        if ("down".equals(service.host)) {
            throw new IOException("the echo service at " + service.location + " does not answer");
        }
        if ("hung".equals(service.host)) {
            service.hang.await(10, TimeUnit.MINUTES);
        }
        return Map.of("echo", "answered");
    }

    @Override
    public void close(Service service) {
        service.closed = true;
        service.hang.countDown();
        CLOSED.add(service.id);
    }

    @Override
    public Object view(Service service, java.lang.reflect.Type type) {
        return service;
    }

    /** One generation: the echo client of one url. */
    public static final class Service implements Echo {
        final long id = SERIAL.incrementAndGet();
        final String location;
        final String host;
        final CountDownLatch hang = new CountDownLatch(1);
        volatile boolean closed;

        Service(String location, String host) {
            this.location = location;
            this.host = host;
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public String hold(CountDownLatch inside, CountDownLatch release) throws InterruptedException {
            inside.countDown();
            if (!release.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never released the call");
            }
            return closed ? location + " (closed under the call)" : location;
        }

        @Override
        public boolean closed() {
            return closed;
        }
    }
}
