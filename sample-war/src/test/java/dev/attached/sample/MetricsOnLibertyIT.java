package dev.attached.sample;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Attached's metrics on Open Liberty's mpTelemetry-2.0, as an operator switches them on: the integration test's
 * server runs with the OpenTelemetry SDK on and the logging exporter, every 5 s (see the pom), which writes each
 * export to messages.log. After a swap of orders-db, an export shows its new generation and state, the swap counted,
 * drains, probes, and the pool, with the resource's name and kind as attributes and never a
 * location. Runs after {@link OrdersServiceIT} (which expects the server's first generations) and leaves orders-db on
 * its default.
 */
@Order(Integer.MAX_VALUE - 1)
class MetricsOnLibertyIT {

    static final String SWAPPED_URL = "jdbc:h2:mem:orders-metrics;DB_CLOSE_DELAY=-1";
    static final String SWAPPED_LOCATION = "jdbc:h2:mem:orders-metrics";

    @Test
    void aSwapOfOrdersDbShowsInTheNextExport() throws Exception {
        long generation = generation();
        try {
            write(SWAPPED_URL);
            await().atMost(120, SECONDS).until(() -> generation() == generation + 1
                    && SWAPPED_LOCATION.equals(ordersDb().getString("location")));
            OrdersServiceIT.SAMPLE.get("/health/ready"); // a probe of the new generation
            long mark = OrdersServiceIT.LOG.mark();

            // a complete export collected after the swap
            ExportedMetrics exported = await().atMost(60, SECONDS).until(
                    () -> ExportedMetrics.last(OrdersServiceIT.LOG.linesSince(mark)),
                    last -> last.isPresent() && last.get().value("attached.resource.generation",
                            "attached.resource", "orders-db").equals(Optional.of((double) generation + 1)))
                    .orElseThrow();
            exported.points().stream().map(Object::toString).sorted()
                    .forEach(point -> System.out.println("exported by Open Liberty: " + point));

            assertEquals(Optional.of((double) generation + 1), exported.value("attached.resource.generation",
                    "attached.resource", "orders-db", "attached.kind", "datasource"));
            assertEquals(Optional.of(1.0), exported.value("attached.resource.state",
                    "attached.resource", "orders-db", "attached.state", "attached"));
            assertEquals(Optional.of(0.0), exported.value("attached.resource.state",
                    "attached.resource", "orders-db", "attached.state", "failed"));
            assertTrue(exported.value("attached.swaps", "attached.resource", "orders-db", "attached.outcome", "success")
                    .orElseThrow() >= 1, "the swap is counted");
            assertEquals(Optional.of(20.0), exported.value("db.client.connection.max",
                    "attached.resource", "orders-db", "db.client.connection.pool.name", "orders-db"),
                    "the pool's default max-size");
            assertTrue(exported.value("db.client.connection.count",
                    "attached.resource", "orders-db", "db.client.connection.state", "idle").isPresent());
            assertTrue(exported.value("attached.drain.duration", "attached.resource", "orders-db", "attached.drain.cut",
                    "false").orElseThrow() >= 1, "the retired generation's drain");
            assertTrue(exported.value("attached.probe.duration",
                    "attached.resource", "orders-db", "attached.outcome", "up").orElseThrow() >= 1);
            assertEquals(Optional.of(1.0), exported.value("attached.resource.state",
                    "attached.resource", "shipping-api", "attached.kind", "rest-client", "attached.state", "attached"));
            for (String line : exported.lines()) {
                assertTrue(!line.contains("jdbc:") && !line.contains("http://"), "no location in a metric: " + line);
            }
        } finally {
            write(OrdersServiceIT.DEFAULT_URL);
            await().atMost(120, SECONDS)
                    .until(() -> OrdersServiceIT.DEFAULT_LOCATION.equals(ordersDb().getString("location")));
        }
    }

    private static JsonObject ordersDb() throws IOException, InterruptedException {
        return OrdersServiceIT.SAMPLE.readiness("orders-db").getJsonObject("data");
    }

    private static long generation() throws IOException, InterruptedException {
        return SampleClient.number(ordersDb(), "generation");
    }

    private static void write(String url) throws IOException {
        Files.createDirectories(OrdersServiceIT.URL_FILE.getParent());
        var tmp = Files.writeString(OrdersServiceIT.URL_FILE.resolveSibling(".tmp-metrics-url"), url);
        Files.move(tmp, OrdersServiceIT.URL_FILE, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
