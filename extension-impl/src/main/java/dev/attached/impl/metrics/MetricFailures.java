package dev.attached.impl.metrics;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where a metrics failure ends: in the log, never in the application. The first is a warning, the others FINE, so a
 * broken exporter cannot flood the log at every collection.
 */
final class MetricFailures {

    private static final Logger LOG = Logger.getLogger(MetricFailures.class.getName());

    private final AtomicBoolean warned = new AtomicBoolean();

    void report(String what, Throwable e) {
        Level level = warned.compareAndSet(false, true) ? Level.WARNING : Level.FINE;
        LOG.log(level, MetricsMessages.failed(what, e));
    }
}
