package dev.attached.impl.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import dev.attached.ResourceHandle;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;
import dev.attached.impl.Messages;
import dev.attached.impl.config.Durations;
import dev.attached.impl.config.Handle;
import dev.attached.impl.config.HandleReader.Reading;
import dev.attached.impl.config.Secrets;
import dev.attached.impl.kind.HandleKind;
import dev.attached.spi.ResourceKind;

/**
 * One named resource across its generations. Readers take the current generation with one volatile read; swaps are
 * serialized and make before break: the next generation is opened and probed before it replaces the current one,
 * which then drains.
 */
public final class ResourceSlot<T> {

    private static final Logger LOG = Logger.getLogger(ResourceSlot.class.getName());
    private static final HandleKind HANDLES = new HandleKind();

    private final String name;
    private final ResourceKind<T> kind;
    private final BoundedCalls calls;
    private final Drainer drainer;
    private final SwapEvents events;
    private final String detachedMessage;

    private volatile Generation<T> current;
    private volatile Status status;
    private volatile boolean optional;
    private long lastNumber;
    private T detachedStandIn;

    ResourceSlot(String name, ResourceKind<T> kind, BoundedCalls calls, Drainer drainer, SwapEvents events) {
        this.name = name;
        this.kind = kind;
        this.calls = calls;
        this.drainer = drainer;
        this.events = events;
        this.detachedMessage = Messages.detachedCall(name);
        this.status = new Status(name, kind.name(), ResourceState.DETACHED, 0, "", Optional.empty(), Instant.now());
    }

    public String name() {
        return name;
    }

    public ResourceKind<T> kind() {
        return kind;
    }

    public ResourceStatus status() {
        return status;
    }

    /** Whether the application declared it can run without this resource ({@code optional=true}). */
    public boolean optional() {
        return optional;
    }

    /** The current generation, empty while detached. */
    public Optional<Generation<T>> generation() {
        return Optional.ofNullable(current);
    }

    /** The resource new work should use: the current generation, or a stand-in that fails fast while detached. */
    public T resource() {
        Generation<T> generation = current;
        return generation != null ? generation.resource() : standIn();
    }

    /** The kind-free view of the current configuration. */
    public ResourceHandle handle() {
        Generation<T> generation = current;
        return generation != null ? generation.handle() : HANDLES.detached(detachedMessage);
    }

    private synchronized T standIn() {
        if (detachedStandIn == null) {
            detachedStandIn = kind.detached(detachedMessage);
            if (detachedStandIn == null) {
                throw new IllegalStateException(detachedMessage);
            }
        }
        return detachedStandIn;
    }

    /**
     * Attaches the first generation at deployment without waiting for the service: one that is down at boot turns
     * readiness DOWN, never the deployment.
     */
    synchronized void start(Optional<Handle> handle, boolean optional) throws Exception {
        this.optional = optional;
        if (handle.isEmpty()) {
            LOG.info(Messages.detached(name));
            return;
        }
        install(new Generation<>(++lastNumber, handle.get(), kind.open(handle.get())));
        LOG.info(Messages.attached(name, kind.name(), handle.get().location(), lastNumber));
    }

    /** Applies what the configuration says now: nothing, a swap, a detach, or a reported failure. */
    synchronized ResourceStatus apply(Reading reading) {
        Generation<T> old = current;
        optional = reading.optional();
        if (!reading.problems().isEmpty()) {
            return fail(reading.handle().map(Handle::location).orElse(""), String.join("; ", reading.problems()));
        }
        if (reading.handle().isEmpty()) {
            if (old != null) {
                detach(old);
            } else if (status.state() == ResourceState.FAILED) {
                status = new Status(name, kind.name(), ResourceState.DETACHED, lastNumber, "", Optional.empty(),
                        Instant.now());
            }
            return status;
        }
        Handle handle = reading.handle().get();
        if (old != null && old.handle().equals(handle)) {
            if (status.lastError().isPresent()) {
                status = new Status(name, kind.name(), ResourceState.ATTACHED, old.number(), handle.location(),
                        Optional.empty(), status.since());
            }
            return status;
        }
        List<String> problems = kind.validate(handle);
        if (!problems.isEmpty()) {
            return fail(handle.location(), String.join("; ",
                    problems.stream().map(p -> Messages.rejectedByKind(name, kind.name(), p)).toList()));
        }
        T resource;
        try {
            resource = kind.open(handle);
        } catch (Exception e) {
            return fail(handle.location(), Secrets.describe(e, handle));
        }
        Generation<T> next = new Generation<>(lastNumber + 1, handle, resource);
        if (old != null) {
            Optional<String> unanswered = probe(next);
            if (unanswered.isPresent()) {
                Drainer.closeQuietly(name, kind, next);
                return fail(handle.location(), unanswered.get());
            }
        }
        lastNumber = next.number();
        install(next);
        if (old == null) {
            LOG.info(Messages.attached(name, kind.name(), handle.location(), next.number()));
        } else {
            LOG.info(Messages.swapped(name, old.handle().location(), handle.location(), next.number()));
            drainer.retire(name, kind, old, old.handle().settings().drainTimeout());
        }
        events.swapped(new ResourceSwapped(name, next.number(), handle.location(),
                old == null ? "" : old.handle().location()));
        return status;
    }

    /** The reason a new generation must not take over, or empty when it answered its probe in time. */
    private Optional<String> probe(Generation<T> next) {
        Duration timeout = next.handle().settings().healthTimeout();
        try {
            calls.call(() -> kind.probe(next.resource(), timeout), timeout);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("no answer within " + Durations.format(timeout));
        } catch (Exception e) {
            return Optional.of(Secrets.describe(e, next.handle()));
        }
    }

    private void install(Generation<T> generation) {
        current = generation;
        status = new Status(name, kind.name(), ResourceState.ATTACHED, generation.number(),
                generation.handle().location(), Optional.empty(), Instant.now());
    }

    private void detach(Generation<T> old) {
        current = null;
        status = new Status(name, kind.name(), ResourceState.DETACHED, old.number(), "", Optional.empty(),
                Instant.now());
        LOG.info(Messages.detached(name));
        drainer.retire(name, kind, old, old.handle().settings().drainTimeout());
    }

    private Status fail(String location, String error) {
        Generation<T> serving = current;
        status = serving == null
                ? new Status(name, kind.name(), ResourceState.FAILED, lastNumber, location, Optional.of(error),
                        Instant.now())
                : status.withError(error);
        LOG.warning(Messages.swapFailed(name, location, error, lastNumber));
        events.failed(new ResourceSwapFailed(name, lastNumber, location, error));
        return status;
    }

    /** Closes the current generation; replaced ones are closed by the drainer. */
    synchronized void close() {
        Generation<T> generation = current;
        current = null;
        if (generation != null) {
            Drainer.closeQuietly(name, kind, generation);
        }
    }
}
