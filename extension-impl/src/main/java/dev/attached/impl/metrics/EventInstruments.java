package dev.attached.impl.metrics;

import java.time.Duration;
import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

import dev.attached.ResourceDetached;
import dev.attached.ResourceDrained;
import dev.attached.ResourceEvent;
import dev.attached.ResourceProbed;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/** The synchronous instruments, recorded from the resource events as they are fired. */
final class EventInstruments {

    /** Probes are bounded by health.timeout, 2 s unless set. */
    private static final List<Double> PROBE_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            5.0, 10.0);
    /** Drains are bounded by drain-timeout, 30 s unless set. */
    private static final List<Double> DRAIN_BUCKETS = List.of(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
            60.0, 120.0, 300.0);
    private static final double NANOS_PER_SECOND = 1e9;

    private final ResourceAttributes attributes;
    private final LongCounter swaps;
    private final LongCounter detaches;
    private final DoubleHistogram drainDuration;
    private final DoubleHistogram probeDuration;

    EventInstruments(Meter meter, ResourceAttributes attributes) {
        this.attributes = attributes;
        swaps = meter.counterBuilder("attached.swaps").setUnit("{swap}")
                .setDescription("Swaps to a new generation (success) and changes that could not be applied (failure).")
                .build();
        detaches = meter.counterBuilder("attached.detaches").setUnit("{detach}")
                .setDescription("Resources detached because their url was removed.").build();
        drainDuration = withBuckets(meter.histogramBuilder("attached.drain.duration").setUnit("s")
                .setDescription("From a generation's retirement to its closing; attached.drain.cut tells whether"
                        + " drain-timeout cut work still in use."),
                DRAIN_BUCKETS).build();
        probeDuration = withBuckets(meter.histogramBuilder("attached.probe.duration").setUnit("s")
                .setDescription("Readiness probes that returned, by outcome (up or down)."), PROBE_BUCKETS).build();
    }

    /**
     * Advises the buckets where the server's API can: the advice came with OpenTelemetry API 1.32, and Payara Micro 7
     * brings 1.29. Without it the SDK's default buckets (or the server's views) apply.
     */
    private static DoubleHistogramBuilder withBuckets(DoubleHistogramBuilder histogram, List<Double> buckets) {
        try {
            return histogram.setExplicitBucketBoundariesAdvice(buckets);
        } catch (NoSuchMethodError e) {
            return histogram;
        }
    }

    void record(ResourceEvent event) {
        String name = event.name();
        if (event instanceof ResourceSwapped swapped) {
            if (swapped.generation() > 1) { // the first attach is no swap
                swaps.add(1, attributes.of(name, ResourceAttributes.OUTCOME, "success"));
            }
        } else if (event instanceof ResourceSwapFailed) {
            swaps.add(1, attributes.of(name, ResourceAttributes.OUTCOME, "failure"));
        } else if (event instanceof ResourceDetached) {
            detaches.add(1, attributes.of(name));
        } else if (event instanceof ResourceDrained drained) {
            Attributes cut = attributes.of(name).toBuilder().put(ResourceAttributes.CUT, drained.wasCut()).build();
            drainDuration.record(seconds(drained.took()), cut);
        } else if (event instanceof ResourceProbed probed) {
            probeDuration.record(seconds(probed.took()),
                    attributes.of(name, ResourceAttributes.OUTCOME, probed.up() ? "up" : "down"));
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / NANOS_PER_SECOND;
    }
}
