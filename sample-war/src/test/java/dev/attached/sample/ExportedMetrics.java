package dev.attached.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attached's metrics as the OpenTelemetry SDK's logging exporter writes them to Open Liberty's messages.log: each
 * export is a line "Received a collection of N metrics for export." and then a line per metric, the
 * {@code toString()} of its data. Only the metrics of the meter {@code dev.attached} are kept.
 */
final class ExportedMetrics {

    /** One point of a metric: its attributes as the exporter writes them, and its value (a histogram's count). */
    record Point(String metric, String attributes, double value) {

        /** Whether an attribute has this value; strings are written in quotes, booleans and numbers bare. */
        boolean has(String attribute, String value) {
            return Arrays.asList(attributes.split(", ")).stream()
                    .anyMatch(pair -> pair.equals(attribute + "=\"" + value + "\"")
                            || pair.equals(attribute + "=" + value));
        }

        @Override
        public String toString() {
            return metric + " {" + attributes + "} " + (value == Math.rint(value)
                    ? String.valueOf((long) value)
                    : String.valueOf(value));
        }
    }

    private static final String EXPORTER = "io.opentelemetry.exporter.logging.LoggingMetricExporter";
    private static final Pattern COLLECTION = Pattern.compile("Received a collection of (\\d+) metrics for export");
    private static final String ATTACHED_SCOPE = "instrumentationScopeInfo=InstrumentationScopeInfo{name=dev.attached,";
    private static final Pattern NAME = Pattern.compile("attributes=\\{}}, name=([a-z_.]+), description=");
    private static final Pattern POINT = Pattern.compile(
            "(?:attributes|getAttributes)=\\{([^}]*)}, (?:value=(-?[0-9.E]+)|getSum=[-0-9.E]+, getCount=(\\d+))");

    private final List<Point> points;
    private final List<String> lines;

    private ExportedMetrics(List<Point> points, List<String> lines) {
        this.points = points;
        this.lines = lines;
    }

    /** The last export of the log lines given that is complete (all its metrics written). */
    static Optional<ExportedMetrics> last(List<String> log) {
        List<String> exporterLines = log.stream().filter(line -> line.contains(EXPORTER)).toList();
        for (int i = exporterLines.size() - 1; i >= 0; i--) {
            Matcher collection = COLLECTION.matcher(exporterLines.get(i));
            if (collection.find()) {
                int size = Integer.parseInt(collection.group(1));
                if (exporterLines.size() - 1 - i >= size) { // exports follow each other on one thread
                    return Optional.of(of(exporterLines.subList(i + 1, i + 1 + size)));
                }
            }
        }
        return Optional.empty();
    }

    private static ExportedMetrics of(List<String> metricLines) {
        List<Point> points = new ArrayList<>();
        List<String> attached = metricLines.stream().filter(line -> line.contains(ATTACHED_SCOPE)).toList();
        for (String line : attached) {
            Matcher name = NAME.matcher(line);
            if (!name.find()) {
                throw new AssertionError("no metric name in " + line);
            }
            Matcher point = POINT.matcher(line.substring(name.end()));
            while (point.find()) {
                String value = point.group(2) != null ? point.group(2) : point.group(3);
                points.add(new Point(name.group(1), point.group(1), Double.parseDouble(value)));
            }
        }
        return new ExportedMetrics(points, attached);
    }

    List<Point> points() {
        return points;
    }

    /** The lines of the meter dev.attached, as written. */
    List<String> lines() {
        return lines;
    }

    /** The value of the one point of a metric with these attribute values (pairs of name and value). */
    Optional<Double> value(String metric, String... attributes) {
        List<Point> matching = points.stream().filter(p -> p.metric().equals(metric)).filter(p -> {
            for (int i = 0; i < attributes.length; i += 2) {
                if (!p.has(attributes[i], attributes[i + 1])) {
                    return false;
                }
            }
            return true;
        }).toList();
        if (matching.size() > 1) {
            throw new AssertionError("several points match: " + matching);
        }
        return matching.stream().findFirst().map(Point::value);
    }
}
