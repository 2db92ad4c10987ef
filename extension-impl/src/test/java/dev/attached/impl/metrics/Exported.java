package dev.attached.impl.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;

/** One collection of the SDK: what an exporter would send. Points are found by their exact attributes. */
final class Exported {

    private final Collection<MetricData> metrics;

    Exported(Collection<MetricData> metrics) {
        this.metrics = metrics;
    }

    Optional<MetricData> metric(String name) {
        return metrics.stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    /** The attributes of every point of an instrument; none when it exported nothing. */
    List<Attributes> attributes(String name) {
        return metric(name).map(m -> m.getData().getPoints().stream().map(PointData::getAttributes).toList())
                .orElse(List.of());
    }

    long value(String name, Attributes attributes) {
        return point(name, attributes, LongPointData.class).getValue();
    }

    HistogramPointData histogram(String name, Attributes attributes) {
        return point(name, attributes, HistogramPointData.class);
    }

    private <P extends PointData> P point(String name, Attributes attributes, Class<P> type) {
        MetricData metric = metric(name).orElseThrow(() -> new AssertionError("no " + name + " in " + this));
        return metric.getData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no point " + attributes + " of " + name + " in " + metric));
    }

    /** Everything an exporter sends, as text: scopes, names, descriptions, units, attributes and values. */
    @Override
    public String toString() {
        return metrics.toString();
    }
}
