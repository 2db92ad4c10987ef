package dev.attached.kind.s3.testing;

import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.attached.spi.Current;

/**
 * A hand-made {@link Current} for tests that call a kind's reference without Attached's engine: it enters whatever
 * {@code resource} supplies (so a test can switch it, as a swap does) and counts the callers inside.
 */
public final class OneGeneration<T> implements Current<T> {

    private final Supplier<T> resource;
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger entered = new AtomicInteger();

    public OneGeneration(Supplier<T> resource) {
        this.resource = resource;
    }

    @Override
    public String name() {
        return "assets";
    }

    /** Callers inside now. */
    public int inside() {
        return inside.get();
    }

    /** Callers that ever entered. */
    public int entered() {
        return entered.get();
    }

    @Override
    public Lease<T> enter() {
        T entered = resource.get();
        inside.incrementAndGet();
        this.entered.incrementAndGet();
        return new Lease<>() {
            @Override
            public T resource() {
                return entered;
            }

            @Override
            public Object view(Type type) {
                return entered;
            }

            @Override
            public void close() {
                inside.decrementAndGet();
            }
        };
    }
}
