package dev.attached.impl.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

/**
 * The server's OpenTelemetry as MicroProfile Telemetry provides it: an SDK that outlives the application (Open
 * Liberty's runtime-level SDK does), injectable as an {@code OpenTelemetry} bean once the application adds
 * {@link Producer}. Its reader collects what an exporter would export.
 */
final class TestTelemetry implements AutoCloseable {

    private static volatile TestTelemetry current;

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();

    static TestTelemetry open() {
        current = new TestTelemetry();
        return current;
    }

    /** Collects every instrument now, as an exporter's periodic reader would. */
    Exported collect() {
        return new Exported(reader.collectAllMetrics());
    }

    @Override
    public void close() {
        current = null;
        sdk.close();
    }

    /** The producer of the {@code OpenTelemetry} bean, as MicroProfile Telemetry has one. */
    @ApplicationScoped
    public static class Producer {
        @Produces
        @ApplicationScoped
        OpenTelemetry openTelemetry() {
            return current.sdk;
        }
    }
}
