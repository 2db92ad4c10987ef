package dev.attached.impl.health;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.attached.impl.Messages;
import dev.attached.impl.config.Durations;
import dev.attached.impl.config.Secrets;
import dev.attached.impl.runtime.BoundedCalls;
import dev.attached.impl.runtime.Generation;
import dev.attached.impl.runtime.ResourceRegistry;
import dev.attached.impl.runtime.ResourceSlot;

/**
 * Runs the readiness probes of all resources concurrently and bounds each by its {@code health.timeout}. Servers
 * call health checks one after another on the request thread, so the first check of a request starts the probes of
 * every resource and each check then waits only for its own: a request takes about the longest timeout, not their
 * sum. A probe still running, or finished within that window, is shared instead of started again, so a hung
 * service holds one thread, not one per request.
 */
public final class ReadinessProbes {

    private final ResourceRegistry registry;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public ReadinessProbes(ResourceRegistry registry) {
        this.registry = registry;
    }

    /** One probe of one generation. */
    private record Run(Generation<?> generation, long startedNanos, CompletableFuture<Map<String, Object>> result) {

        Duration timeout() {
            return generation.handle().settings().healthTimeout();
        }

        boolean reusableFor(Generation<?> current, long now, long windowNanos) {
            return generation == current && (!result.isDone() || now - startedNanos < windowNanos);
        }
    }

    ProbeOutcome check(String name) {
        long now = System.nanoTime();
        long window = window();
        for (ResourceSlot<?> slot : registry.slots()) {
            run(slot, now, window);
        }
        ResourceSlot<?> slot = registry.slot(name);
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
        long waitNanos = probe.startedNanos + probe.timeout().toNanos() - System.nanoTime();
        try {
            return ProbeOutcome.up(BoundedCalls.await(probe.result, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
        } catch (TimeoutException e) {
            return ProbeOutcome.down("no answer within " + Durations.format(probe.timeout()));
        } catch (Exception e) {
            return ProbeOutcome.down(Secrets.describe(e, probe.generation.handle()));
        }
    }

    /** The probe run to report for a slot, started if none can be shared; empty when there is nothing to probe. */
    private <T> Optional<Run> run(ResourceSlot<T> slot, long now, long windowNanos) {
        return slot.generation().filter(g -> g.handle().settings().healthEnabled()).map(generation -> runs
                .compute(slot.name(), (name, previous) -> previous != null
                        && previous.reusableFor(generation, now, windowNanos)
                                ? previous
                                : new Run(generation, now, registry.calls().start(() -> slot.kind()
                                        .probe(generation.resource(),
                                                generation.handle().settings().healthTimeout())))));
    }

    /** How long a finished probe stands for its resource: long enough to serve every check of one request. */
    private long window() {
        long longest = 0;
        for (ResourceSlot<?> slot : registry.slots()) {
            longest = Math.max(longest, slot.generation()
                    .map(g -> g.handle().settings().healthTimeout().toNanos()).orElse(0L));
        }
        return longest;
    }
}
