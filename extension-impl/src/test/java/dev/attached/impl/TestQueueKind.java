package dev.attached.impl;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.attached.ResourceHandle;
import dev.attached.spi.ResourceKind;

/** A kind plugged in through ServiceLoader by the tests, as a user would plug in their own. */
public final class TestQueueKind implements ResourceKind<TestQueueKind.Queue> {

    /** What the kind injects. */
    public interface Queue {
        String location();
    }

    @Override
    public String name() {
        return "test-queue";
    }

    @Override
    public Class<Queue> type() {
        return Queue.class;
    }

    @Override
    public List<String> validate(ResourceHandle handle) {
        return "queue".equals(handle.uri().getScheme()) ? List.of() : List.of("url: not a queue:// URL");
    }

    @Override
    public Queue open(ResourceHandle handle) {
        return () -> handle.uri().toString();
    }

    @Override
    public Map<String, Object> probe(Queue resource, Duration timeout) {
        return Map.of();
    }

    @Override
    public void close(Queue resource) {
    }
}
