package dev.attached.impl.health;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import dev.attached.ResourceProbed;
import dev.attached.impl.Messages;
import dev.attached.impl.config.Durations;
import dev.attached.impl.config.Handle;
import dev.attached.impl.config.Secrets;
import dev.attached.impl.runtime.BoundedCalls;
import dev.attached.impl.runtime.Generation;
import dev.attached.impl.runtime.ResourceRegistry;
import dev.attached.impl.runtime.ResourceSlot;

/**
 * Runs the readiness probes of all resources concurrently and bounds each by its {@code health.timeout}. Servers
 * call health checks one after another on the request thread, so the first check of a request starts the probes of
 * every resource and each check then waits only for its own: a request takes about the longest timeout, not their
 * sum. A probe still running, or finished within that window, is shared instead of started again. A probe that
 * outlives its timeout by that window is abandoned: the next check starts a fresh one, so a service that recovers is
 * seen within two timeouts; at most {@link #MAX_ABANDONED} abandoned probes per resource may still hold a thread, after which no new one is
 * started until one returns.
 */
public final class ReadinessProbes {

    static final int MAX_ABANDONED = 3;

    private final ResourceRegistry registry;
    private final LongSupplier nanoClock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> abandoned = new ConcurrentHashMap<>();

    public ReadinessProbes(ResourceRegistry registry) {
        this(registry, System::nanoTime);
    }

    ReadinessProbes(ResourceRegistry registry, LongSupplier nanoClock) {
        this.registry = registry;
        this.nanoClock = nanoClock;
    }

    /**
     * One probe of one generation; {@code result} is empty when no probe could be started. The generation is held
     * weakly: a run kept after a swap must not keep the retired generation's resource reachable.
     */
    private record Run(WeakReference<Generation<?>> generation, Handle handle, long startedNanos,
            Optional<CompletableFuture<Map<String, Object>>> result) {

        Run(Generation<?> generation, long startedNanos, Optional<CompletableFuture<Map<String, Object>>> result) {
            this(new WeakReference<>(generation), generation.handle(), startedNanos, result);
        }

        Duration timeout() {
            return handle.settings().healthTimeout();
        }

        /**
         * A finished probe stands for the window; one still running, until the window after its timeout (the rest
         * of the request that saw it time out is answered from it), after which it is abandoned.
         */
        boolean reusableFor(Generation<?> current, long now, long windowNanos) {
            if (generation.get() != current || result.isEmpty()) {
                return false;
            }
            long age = now - startedNanos;
            return result.get().isDone() ? age < windowNanos : age < timeout().toNanos() + windowNanos;
        }
    }

    ProbeOutcome check(String name) {
        long now = nanoClock.getAsLong();
        long window = window();
        for (ResourceSlot<?, ?> slot : registry.slots()) {
            run(slot, now, window);
        }
        ResourceSlot<?, ?> slot = registry.slot(name);
        Optional<Run> run = run(slot, now, window);
        if (run.isEmpty()) {
            if (slot.generation().isPresent()) {
                return ProbeOutcome.up(Map.of("probe", "disabled"));
            }
            // an optional resource is one the application declared it can serve without
            return slot.optional()
                    ? ProbeOutcome.up(Map.of("optional", true))
                    : ProbeOutcome.down(slot.status().lastError().orElse(Messages.detachedCall(name)));
        }
        Run probe = run.get();
        int stuck = abandoned(name).get();
        if (probe.result().isEmpty()) {
            return ProbeOutcome.down(Messages.probesAbandoned(name, stuck, Durations.format(probe.timeout())),
                    stuck);
        }
        long waitNanos = probe.startedNanos() + probe.timeout().toNanos() - nanoClock.getAsLong();
        try {
            Map<String, Object> data = new LinkedHashMap<>(
                    BoundedCalls.await(probe.result().get(), TimeUnit.NANOSECONDS.toMillis(waitNanos)));
            if (stuck > 0) {
                data.put("probe.abandoned", stuck);
            }
            return ProbeOutcome.up(data);
        } catch (TimeoutException e) {
            return ProbeOutcome.down("no answer within " + Durations.format(probe.timeout()), stuck);
        } catch (Exception e) {
            return ProbeOutcome.down(Secrets.describe(e, probe.handle()), stuck);
        }
    }

    /** The probe run to report for a slot, started if none can be shared; empty when there is nothing to probe. */
    private <T> Optional<Run> run(ResourceSlot<?, T> slot, long now, long windowNanos) {
        return slot.generation().filter(g -> g.handle().settings().healthEnabled()).map(generation -> {
            // read first: most checks share a run, and compute locks the entry, which many callers at once would
            // queue on (a lock holder preempted on a busy machine stalls them all)
            Run shared = runs.get(slot.name());
            if (shared != null && shared.reusableFor(generation, now, windowNanos)) {
                return shared;
            }
            return replace(slot, generation, now, windowNanos);
        });
    }

    /** Starts a run for the slot, unless another caller has just done so. */
    private <T> Run replace(ResourceSlot<?, T> slot, Generation<T> generation, long now, long windowNanos) {
        return runs.compute(slot.name(), (name, previous) -> {
            if (previous != null && previous.reusableFor(generation, now, windowNanos)) {
                return previous;
            }
            if (previous != null) {
                abandonIfRunning(name, previous);
            }
            return start(slot, generation, now);
        });
    }

    private <T> Run start(ResourceSlot<?, T> slot, Generation<T> generation, long now) {
        AtomicInteger stuck = abandoned(slot.name());
        if (stuck.get() >= MAX_ABANDONED) {
            return new Run(generation, now, Optional.empty());
        }
        Duration timeout = generation.handle().settings().healthTimeout();
        CompletableFuture<Map<String, Object>> result = registry.calls()
                .start(() -> slot.kind().probe(generation.resource(), timeout));
        result.whenComplete((data, error) -> reportProbed(slot.name(), generation, now, error));
        return new Run(generation, now, Optional.of(result));
    }

    /** Runs on the probe's thread when it returns, outside every lock. */
    private void reportProbed(String name, Generation<?> generation, long startedNanos, Throwable error) {
        Duration took = Duration.ofNanos(nanoClock.getAsLong() - startedNanos);
        Optional<String> why = Optional.ofNullable(error)
                .map(e -> Secrets.describe(
                        e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e,
                        generation.handle()));
        registry.events().fire(new ResourceProbed(name, generation.number(), error == null, took, why));
    }

    /** A run replaced while still running holds a thread until it returns; count it until then. */
    private void abandonIfRunning(String name, Run previous) {
        previous.result().filter(result -> !result.isDone()).ifPresent(result -> {
            AtomicInteger stuck = abandoned(name);
            stuck.incrementAndGet();
            result.whenComplete((data, error) -> stuck.decrementAndGet());
        });
    }

    private AtomicInteger abandoned(String name) {
        return abandoned.computeIfAbsent(name, n -> new AtomicInteger());
    }

    /** How long a finished probe stands for its resource: long enough to serve every check of one request. */
    private long window() {
        long longest = 0;
        for (ResourceSlot<?, ?> slot : registry.slots()) {
            longest = Math.max(longest, slot.generation()
                    .map(g -> g.handle().settings().healthTimeout().toNanos()).orElse(0L));
        }
        return longest;
    }
}
