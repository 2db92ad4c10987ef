package dev.attached.impl.metrics;

import java.util.Collection;

/** The metrics' log messages, ids 200-209. None carries a location or an error text of a resource. */
final class MetricsMessages {

    private MetricsMessages() {
    }

    static String noOpenTelemetryApi() {
        return "ATTACHED-200: the OpenTelemetry API is not on the class path; no metrics of attached resources";
    }

    static String noOpenTelemetryBean(boolean ambiguous) {
        return "ATTACHED-201: " + (ambiguous ? "several OpenTelemetry beans resolve" : "no OpenTelemetry bean resolves")
                + " (MicroProfile Telemetry provides one); no metrics of attached resources";
    }

    static String recording(Collection<String> names) {
        return "ATTACHED-202: recording metrics of " + names.size() + " attached resource(s) " + names
                + " through OpenTelemetry, meter " + ResourceMetrics.SCOPE;
    }

    static String failed(String what, Throwable e) {
        return "ATTACHED-203: metrics of attached resources could not be " + what + ": " + e
                + "; the application is not affected, later failures are logged at FINE";
    }
}
