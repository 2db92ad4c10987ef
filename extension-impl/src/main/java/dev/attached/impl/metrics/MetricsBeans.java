package dev.attached.impl.metrics;

import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;

/**
 * Adds the {@link ResourceMetrics} bean where the OpenTelemetry API is on the class path, as MicroProfile Telemetry
 * puts it there; elsewhere adds nothing, and no class that names an OpenTelemetry type is ever loaded.
 */
public final class MetricsBeans {

    private static final Logger LOG = Logger.getLogger(MetricsBeans.class.getName());

    private MetricsBeans() {
    }

    public static void register(BeforeBeanDiscovery bbd) {
        if (available(MetricsBeans.class.getClassLoader())) {
            bbd.addAnnotatedType(ResourceMetrics.class, "dev.attached#metrics");
        } else {
            LOG.config(MetricsMessages.noOpenTelemetryApi());
        }
    }

    /** Whether classes loaded with ours can link to the OpenTelemetry API (Open Liberty shows it as third-party). */
    static boolean available(ClassLoader loader) {
        try {
            Class.forName("io.opentelemetry.api.OpenTelemetry", false, loader);
            Class.forName("io.opentelemetry.api.metrics.BatchCallback", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
