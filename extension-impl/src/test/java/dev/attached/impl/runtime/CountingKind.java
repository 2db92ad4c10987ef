package dev.attached.impl.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.attached.ResourceHandle;
import dev.attached.spi.ResourceKind;

/** A kind whose resources say whether they were closed, and lend out as many units as a test says. */
final class CountingKind implements ResourceKind<String, CountingKind.Resource> {

    static final class Resource {
        final String location;
        final AtomicInteger lent = new AtomicInteger();
        volatile Runnable released = () -> {
        };
        volatile boolean closed;

        Resource(String location) {
            this.location = location;
        }

        void giveBack() {
            lent.decrementAndGet();
            released.run();
        }
    }

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public Class<Resource> type() {
        return Resource.class;
    }

    @Override
    public String configure(ResourceHandle handle, List<String> problems) {
        return handle.uri().toString();
    }

    @Override
    public Resource open(String location) {
        return new Resource(location);
    }

    @Override
    public Map<String, Object> probe(Resource resource, Duration timeout) {
        return Map.of();
    }

    @Override
    public int inUse(Resource resource) {
        return resource.lent.get();
    }

    @Override
    public void retiring(Resource resource, Runnable released) {
        resource.released = released;
    }

    @Override
    public void close(Resource resource) {
        resource.closed = true;
    }
}
