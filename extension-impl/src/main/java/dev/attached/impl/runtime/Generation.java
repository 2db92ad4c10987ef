package dev.attached.impl.runtime;

import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.attached.impl.config.Handle;
import dev.attached.spi.Current.Lease;
import dev.attached.spi.ResourceKind;

/**
 * One opened resource, the configuration it was opened from, and the gate every call through an injected reference
 * passes. A replaced generation is <em>retired</em>: from then on nobody new gets in, and it closes once the callers
 * inside have left and the kind has nothing lent out. The generation is its own lease, so entering allocates
 * nothing.
 */
public final class Generation<T> implements Lease<T> {

    private final long number;
    private final Handle handle;
    private final ResourceKind<?, T> kind;
    private final T resource;

    private final GenerationGate gate = new GenerationGate();
    private final AtomicBoolean closed = new AtomicBoolean();

    Generation(long number, Handle handle, ResourceKind<?, T> kind, T resource) {
        this.number = number;
        this.handle = handle;
        this.kind = kind;
        this.resource = resource;
    }

    public long number() {
        return number;
    }

    public Handle handle() {
        return handle;
    }

    public ResourceKind<?, T> kind() {
        return kind;
    }

    @Override
    public T resource() {
        return resource;
    }

    @Override
    public Object view(Type type) {
        return kind.view(resource, type);
    }

    /** Enters unless retired (see {@link GenerationGate} for why a caller and the drain never miss each other). */
    boolean tryEnter() {
        return gate.tryEnter();
    }

    /** Leaves the generation: the lease's close. */
    @Override
    public void close() {
        gate.leave();
    }

    /** Stops new callers; {@code released} runs whenever a caller leaves or the kind returns a lent unit. */
    void retire(Runnable released) {
        gate.retire(released);
        kind.retiring(resource, released);
    }

    boolean retired() {
        return gate.retired();
    }

    /** Callers inside plus units the kind has lent out: what closing now would cut. */
    int inUse() {
        return gate.inside() + kind.inUse(resource);
    }

    /** True exactly once: the caller closes the resource. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return "generation " + number + " at " + handle.location();
    }
}
