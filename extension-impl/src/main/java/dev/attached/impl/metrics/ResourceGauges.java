package dev.attached.impl.metrics;

import java.util.Locale;
import java.util.Optional;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;

import dev.attached.AttachedResources;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.ResourceUsage;

/**
 * The asynchronous instruments: read from {@link AttachedResources#status} when the SDK collects, so nothing is
 * recorded between collections. One callback reads each status once for all of them.
 */
final class ResourceGauges implements AutoCloseable {

    private static final String DATASOURCE = "datasource";

    private final AttachedResources resources;
    private final ResourceAttributes attributes;
    private final MetricFailures failures;
    private final ObservableLongMeasurement generation;
    private final ObservableLongMeasurement state;
    private final Pool connections;
    private final Pool units;
    private final BatchCallback callback;

    /**
     * A pool's instruments: the semantic conventions' {@code db.client.connection.*} for JDBC, which name the pool
     * with {@code db.client.connection.pool.name}; {@code attached.pool.*} for a plugged-in kind that pools.
     */
    private record Pool(ObservableLongMeasurement count, ObservableLongMeasurement max,
            ObservableLongMeasurement pending, AttributeKey<String> stateKey, boolean named) {

        void observe(Attributes resource, ResourceUsage usage) {
            Attributes base = named
                    ? resource.toBuilder().put(ResourceAttributes.POOL_NAME, resource.get(ResourceAttributes.RESOURCE))
                            .build()
                    : resource;
            count.record(usage.active(), base.toBuilder().put(stateKey, "used").build());
            count.record(usage.idle(), base.toBuilder().put(stateKey, "idle").build());
            max.record(usage.max(), base);
            pending.record(usage.waiting(), base);
        }
    }

    ResourceGauges(Meter meter, AttachedResources resources, ResourceAttributes attributes, MetricFailures failures) {
        this.resources = resources;
        this.attributes = attributes;
        this.failures = failures;
        generation = meter.gaugeBuilder("attached.resource.generation").ofLongs().setUnit("{generation}")
                .setDescription("The generation in use: 1 for the first resource, +1 on every swap.")
                .buildObserver();
        state = meter.gaugeBuilder("attached.resource.state").ofLongs().setUnit("{state}")
                .setDescription("1 for the state the resource is in (attached.state), 0 for the others.")
                .buildObserver();
        connections = pool(meter, "db.client.connection", "{connection}", "Connections",
                ResourceAttributes.CONNECTION_STATE, true);
        units = pool(meter, "attached.pool", "{unit}", "Units", ResourceAttributes.POOL_STATE, false);
        callback = meter.batchCallback(this::observe, generation, state, connections.count(), connections.max(),
                connections.pending(), units.count(), units.max(), units.pending());
    }

    private static Pool pool(Meter meter, String prefix, String unit, String what, AttributeKey<String> stateKey,
            boolean named) {
        return new Pool(
                meter.upDownCounterBuilder(prefix + ".count").setUnit(unit)
                        .setDescription(what + " of the pool lent out (used) and open but waiting to be lent (idle).")
                        .buildObserver(),
                meter.upDownCounterBuilder(prefix + ".max").setUnit(unit)
                        .setDescription(what + " the pool opens at most.").buildObserver(),
                meter.upDownCounterBuilder(prefix + ".pending_requests").setUnit("{request}")
                        .setDescription("Callers waiting for the pool to lend them one.").buildObserver(),
                stateKey, named);
    }

    /** Each resource on its own: one that cannot be read must not hide the others. */
    private void observe() {
        for (String name : resources.names()) {
            try {
                observe(resources.status(name));
            } catch (RuntimeException | LinkageError e) {
                failures.report("read", e);
            }
        }
    }

    private void observe(ResourceStatus status) {
        Attributes resource = attributes.of(status.name());
        generation.record(status.generation(), resource);
        for (ResourceState each : ResourceState.values()) {
            state.record(each == status.state() ? 1 : 0,
                    attributes.of(status.name(), ResourceAttributes.STATE, lowerCase(each)));
        }
        Optional<ResourceUsage> usage = status.usage();
        if (usage.isPresent()) {
            (DATASOURCE.equals(status.kind()) ? connections : units).observe(resource, usage.get());
        }
    }

    private static String lowerCase(ResourceState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        callback.close();
    }
}
