package dev.attached.impl.runtime;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Logger;

import dev.attached.ResourceDetached;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;
import dev.attached.ResourceUsage;
import dev.attached.impl.Messages;
import dev.attached.impl.config.Durations;
import dev.attached.impl.config.Handle;
import dev.attached.impl.config.HandleReader.Reading;
import dev.attached.impl.config.Secrets;
import dev.attached.spi.Current;
import dev.attached.spi.ResourceKind;

/**
 * One named resource across its generations: a small state machine (detached, attached, failed) whose state, current
 * generation included, is one immutable value replaced atomically. Callers reach the current generation with one
 * volatile read and enter its gate; changes are serialized by a lock that is held while the configuration is read
 * and applied, and released before anything is told about it (events, draining), so observers never run under it.
 */
public final class ResourceSlot<S, T> implements Current<T> {

    private static final Logger LOG = Logger.getLogger(ResourceSlot.class.getName());
    /**
     * What a swap may spend before its cutover on opening, probing and warming the new generation: the probe may take
     * up to its timeout, the warm-up only gets what is left of this, so a change reaches the callers soon after it
     * settles.
     */
    private static final Duration CUTOVER_BUDGET = Duration.ofMillis(200);

    /** What the slot is now: the generation new work goes to (null while detached) and its status. */
    private record State<T>(Generation<T> generation, Status status, long lastNumber) {
    }

    /** What a change did, and what to do about it once the lock is released. */
    private record Change(Status status, Runnable afterwards) {
    }

    private final String name;
    private final ResourceKind<S, T> kind;
    private final SlotServices services;
    private final String detachedMessage;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile State<T> state;
    private volatile boolean optional;
    private volatile Lease<T> detachedLease;

    ResourceSlot(String name, ResourceKind<S, T> kind, SlotServices services) {
        this.name = name;
        this.kind = kind;
        this.services = services;
        this.detachedMessage = Messages.detachedCall(name);
        this.state = new State<>(null, new Status(name, kind.name(), ResourceState.DETACHED, 0, "",
                Optional.empty(), Instant.now()), 0);
    }

    public String name() {
        return name;
    }

    public ResourceKind<S, T> kind() {
        return kind;
    }

    /** The status as of the last change. */
    public ResourceStatus status() {
        return state.status();
    }

    /** The status with the pool usage of this moment, for those who asked for it (status pages, metrics). */
    public ResourceStatus statusWithUsage() {
        State<T> now = state;
        Generation<T> generation = now.generation();
        return generation == null ? now.status() : now.status().withUsage(usage(generation));
    }

    /** Whether the application declared it can run without this resource ({@code optional=true}). */
    public boolean optional() {
        return optional;
    }

    /** The current generation, empty while detached. */
    public Optional<Generation<T>> generation() {
        return Optional.ofNullable(state.generation());
    }

    /** Enters the generation new work goes to; one that retired meanwhile is passed over for its successor. */
    @Override
    public Lease<T> enter() {
        return enter(state.generation());
    }

    /** Enters {@code resolved}, or, if it retired since it was read, the generation that replaced it. */
    Lease<T> enter(Generation<T> resolved) {
        for (Generation<T> generation = resolved;; generation = state.generation()) {
            if (generation == null) {
                return detachedLease();
            }
            if (generation.tryEnter()) {
                return generation;
            }
        }
    }

    /** The current resource itself, for a type no reference can stand for; nothing is counted. */
    public T resource() {
        Generation<T> generation = state.generation();
        return generation != null ? generation.resource() : detachedLease().resource();
    }

    /** The current configuration; throws, naming the key to set, while detached. */
    public Handle handle() {
        Generation<T> generation = state.generation();
        if (generation == null) {
            throw new IllegalStateException(detachedMessage);
        }
        return generation.handle();
    }

    public String detachedMessage() {
        return detachedMessage;
    }

    private Lease<T> detachedLease() {
        Lease<T> lease = detachedLease;
        if (lease == null) {
            T standIn = kind.detached(detachedMessage);
            if (standIn == null) {
                throw new IllegalStateException(detachedMessage);
            }
            lease = new StandIn<>(kind, standIn);
            detachedLease = lease; // a race makes two equivalent stand-ins, never a wrong one
        }
        return lease;
    }

    /** A detached resource's stand-in: nothing to count, nothing to close. */
    private record StandIn<T>(ResourceKind<?, T> kind, T resource) implements Lease<T> {

        @Override
        public Object view(Type type) {
            return kind.view(resource, type);
        }

        @Override
        public void close() {
        }
    }

    /** A reading checked by the kind: the settings to open from, or why it cannot be. */
    record Checked<S>(Reading reading, Optional<S> settings, List<String> problems) {
    }

    /** Checks a reading without touching the network; every problem names its key. */
    Checked<S> check(Reading reading) {
        List<String> problems = new ArrayList<>(reading.problems());
        if (reading.handle().isEmpty()) {
            return new Checked<>(reading, Optional.empty(), problems);
        }
        List<String> kindProblems = new ArrayList<>();
        S settings;
        try {
            settings = kind.configure(reading.handle().get(), kindProblems);
        } catch (RuntimeException | LinkageError e) {
            kindProblems.add(Handle.URL + ": " + Secrets.describe(e, reading.handle().get()));
            settings = null;
        }
        kindProblems.forEach(p -> problems.add(Messages.rejectedByKind(name, kind.name(), p)));
        return new Checked<>(reading, problems.isEmpty() ? Optional.ofNullable(settings) : Optional.empty(),
                problems);
    }

    /**
     * Attaches the first generation at deployment without waiting for the service: one that is down at boot turns
     * readiness DOWN, never the deployment.
     */
    void start(Checked<S> checked) throws Exception {
        lock.lock();
        try {
            optional = checked.reading().optional();
            if (checked.settings().isEmpty()) {
                LOG.info(Messages.detached(name));
                return;
            }
            Handle handle = checked.reading().handle().orElseThrow();
            install(new Generation<>(1, handle, kind, kind.open(checked.settings().get())));
            LOG.info(Messages.attached(name, kind.name(), handle.location(), 1));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads the configuration and applies it: nothing, a swap, a detach, or a reported failure. The reading is
     * taken under the lock, so a reading older than one already applied can never be applied after it.
     */
    ResourceStatus refresh(Supplier<Reading> read) {
        Change change;
        lock.lock();
        try {
            change = apply(read.get());
        } finally {
            lock.unlock();
        }
        change.afterwards().run();
        return change.status();
    }

    private Change apply(Reading reading) {
        State<T> now = state;
        Generation<T> old = now.generation();
        optional = reading.optional();
        Checked<S> checked = check(reading);
        if (!checked.problems().isEmpty()) {
            return fail(reading.handle().map(Handle::location).orElse(""), String.join("; ", checked.problems()));
        }
        if (reading.handle().isEmpty()) {
            return old != null ? detach(old) : settle(ResourceState.DETACHED, now);
        }
        Handle handle = reading.handle().get();
        if (old != null && old.handle().equals(handle)) {
            return settle(ResourceState.ATTACHED, now);
        }
        long opening = System.nanoTime();
        T resource;
        try {
            resource = kind.open(checked.settings().orElseThrow());
        } catch (Exception | LinkageError e) {
            return fail(handle.location(), Secrets.describe(e, handle));
        }
        Generation<T> next = new Generation<>(now.lastNumber() + 1, handle, kind, resource);
        if (old != null) {
            Optional<String> unanswered = probe(next);
            if (unanswered.isPresent()) {
                Drainer.closeQuietly(name, next);
                return fail(handle.location(), unanswered.get());
            }
            warmUp(next, old.inUse(), CUTOVER_BUDGET.minusNanos(System.nanoTime() - opening));
        }
        install(next);
        ResourceSwapped event = new ResourceSwapped(name, next.number(), handle.location(),
                old == null ? "" : old.handle().location());
        if (old == null) {
            LOG.info(Messages.attached(name, kind.name(), handle.location(), next.number()));
        } else {
            LOG.info(Messages.swapped(name, old.handle().location(), handle.location(), next.number()));
        }
        return new Change(state.status(), () -> {
            services.events().fire(event); // first, so observers never see the old generation drained before it
            if (old != null) {
                services.drainer().retire(name, old, old.handle().settings().drainTimeout());
            }
        });
    }

    /** The kind's pool usage; a kind that fails to tell it shows none rather than failing a status request. */
    private Optional<ResourceUsage> usage(Generation<T> generation) {
        try {
            return kind.usage(generation.resource());
        } catch (RuntimeException | LinkageError e) {
            LOG.fine(() -> "No usage of " + name + ": " + Secrets.describe(e, generation.handle()));
            return Optional.empty();
        }
    }

    /** The reason a new generation must not take over, or empty when it answered its probe in time. */
    private Optional<String> probe(Generation<T> next) {
        Duration timeout = next.handle().settings().healthTimeout();
        try {
            services.calls().call(() -> kind.probe(next.resource(), timeout), timeout);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("no answer within " + Durations.format(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the application is shutting down
            return Optional.of("interrupted while probing: the application is shutting down");
        } catch (Exception e) {
            return Optional.of(Secrets.describe(e, next.handle()));
        }
    }

    /**
     * Lets the kind prepare the new generation for the load the old one carries; never stops the swap. The warm-up
     * delays the cutover, so it gets what is left of the cutover budget: what it has not done by then, the first
     * callers do.
     */
    private void warmUp(Generation<T> next, int inUse, Duration left) {
        Duration timeout = next.handle().settings().healthTimeout();
        Duration budget = timeout.compareTo(left) < 0 ? timeout : left;
        if (inUse == 0 || budget.isNegative() || budget.isZero()) {
            return;
        }
        try {
            services.calls().call(() -> {
                kind.warmUp(next.resource(), inUse, budget);
                return null;
            }, budget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.fine(() -> Messages.warmUpCut(name, next.number(), Secrets.describe(e, next.handle())));
        }
    }

    private void install(Generation<T> generation) {
        state = new State<>(generation, new Status(name, kind.name(), ResourceState.ATTACHED, generation.number(),
                generation.handle().location(), Optional.empty(), Instant.now()), generation.number());
    }

    private Change detach(Generation<T> old) {
        State<T> now = state;
        state = new State<>(null, new Status(name, kind.name(), ResourceState.DETACHED, now.lastNumber(), "",
                Optional.empty(), Instant.now()), now.lastNumber());
        LOG.info(Messages.detached(name));
        ResourceDetached event = new ResourceDetached(name, old.number(), old.handle().location());
        return new Change(state.status(), () -> {
            services.events().fire(event);
            services.drainer().retire(name, old, old.handle().settings().drainTimeout());
        });
    }

    /** Nothing to change; a failure reported earlier is over, since the configuration now matches the resource. */
    private Change settle(ResourceState settled, State<T> now) {
        Status status = now.status();
        if (status.state() != settled || status.lastError().isPresent()) {
            status = new Status(name, kind.name(), settled, status.generation(), status.location(),
                    Optional.empty(), status.state() == settled ? status.since() : Instant.now());
            state = new State<>(now.generation(), status, now.lastNumber());
        }
        return new Change(status, () -> {
        });
    }

    private Change fail(String location, String error) {
        State<T> now = state;
        Status status = now.generation() == null
                ? new Status(name, kind.name(), ResourceState.FAILED, now.lastNumber(), location,
                        Optional.of(error), Instant.now())
                : now.status().withError(error);
        state = new State<>(now.generation(), status, now.lastNumber());
        LOG.warning(Messages.swapFailed(name, location, error, now.lastNumber()));
        ResourceSwapFailed event = new ResourceSwapFailed(name, now.lastNumber(), location, error);
        return new Change(status, () -> services.events().fire(event));
    }

    /** Closes the current generation at shutdown; retired ones are the drainer's. */
    void close() {
        lock.lock();
        try {
            State<T> now = state;
            state = new State<>(null, now.status(), now.lastNumber());
            if (now.generation() != null && now.generation().markClosed()) {
                Drainer.closeQuietly(name, now.generation());
            }
        } finally {
            lock.unlock();
        }
    }
}
