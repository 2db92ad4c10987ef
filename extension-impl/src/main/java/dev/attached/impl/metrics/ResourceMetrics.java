package dev.attached.impl.metrics;

import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;

import dev.attached.AttachedResources;
import dev.attached.ResourceEvent;

/**
 * Records the metrics of every attached resource through the application's {@code OpenTelemetry} bean, as
 * MicroProfile Telemetry provides it: gauges read from {@link AttachedResources} at each collection, counters and
 * histograms from the resource events. Without such a bean it records nothing. No failure of its own reaches the
 * application: every one is logged instead (see {@link MetricFailures}).
 *
 * <p>
 * Added by {@link MetricsBeans} only where the OpenTelemetry API is on the class path. It starts when the application
 * does and closes its callbacks when the application stops, so a server's OpenTelemetry SDK, which outlives the
 * application, no longer reads resources that are gone.
 */
@ApplicationScoped
public class ResourceMetrics {

    /** The instrumentation scope (meter name) of every instrument. */
    public static final String SCOPE = "dev.attached";

    private static final Logger LOG = Logger.getLogger(ResourceMetrics.class.getName());

    @Inject
    private AttachedResources resources;

    @Inject
    private Instance<OpenTelemetry> telemetry;

    private final MetricFailures failures = new MetricFailures();
    private boolean started;
    private volatile EventInstruments events;
    private volatile ResourceGauges gauges;

    /**
     * Starts with the application; events before it (the first attach of each resource) are not counted. Once only,
     * should a server fire the event for each module of an application.
     */
    synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (started) {
            return;
        }
        started = true;
        try {
            if (telemetry.isUnsatisfied() || telemetry.isAmbiguous()) {
                LOG.config(MetricsMessages.noOpenTelemetryBean(telemetry.isAmbiguous()));
                return;
            }
            Meter meter = meter(telemetry.get());
            ResourceAttributes attributes = new ResourceAttributes(resources);
            EventInstruments instruments = new EventInstruments(meter, attributes);
            gauges = new ResourceGauges(meter, resources, attributes, failures);
            events = instruments;
            LOG.config(MetricsMessages.recording(List.copyOf(resources.names())));
        } catch (RuntimeException | LinkageError e) {
            failures.report("registered", e);
        }
    }

    private static Meter meter(OpenTelemetry openTelemetry) {
        MeterBuilder builder = openTelemetry.getMeterProvider().meterBuilder(SCOPE);
        String version = ResourceMetrics.class.getPackage().getImplementationVersion();
        return (version == null ? builder : builder.setInstrumentationVersion(version)).build();
    }

    /** Only once started: with {@code IF_EXISTS} an event never creates this bean ahead of the application. */
    void record(@Observes(notifyObserver = Reception.IF_EXISTS) @Any ResourceEvent event) {
        EventInstruments recording = events;
        if (recording == null) {
            return;
        }
        try {
            recording.record(event);
        } catch (RuntimeException | LinkageError e) {
            failures.report("recorded", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        ResourceGauges registered = gauges;
        events = null;
        gauges = null;
        if (registered != null) {
            try {
                registered.close();
            } catch (RuntimeException | LinkageError e) {
                failures.report("closed", e);
            }
        }
    }
}
