package dev.attached.impl;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.attached.AttachedResource;
import dev.attached.ResourceDetached;
import dev.attached.ResourceDrained;
import dev.attached.ResourceEvent;
import dev.attached.ResourceProbed;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;
import dev.attached.ResourceUsage;
import dev.attached.impl.testing.TestApp;

/**
 * What a status page or a metrics exporter sees: every event of a resource's life through one observed type, and the
 * pool usage of the generation in use.
 */
class ResourceEventsTest {

    static final String URL = "attached.orders-db.url";
    static final List<ResourceEvent> SEEN = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    public static class Recorder {
        void record(@Observes @AttachedResource("orders-db") ResourceEvent event) {
            SEEN.add(event);
        }
    }

    @ApplicationScoped
    public static class Orders {
        @Inject
        @AttachedResource("orders-db")
        DataSource db;

        Connection borrow() throws Exception {
            return db.getConnection();
        }
    }

    @BeforeEach
    void clear() {
        SEEN.clear();
    }

    static TestApp app() {
        return TestApp.with(URL, "jdbc:h2:mem:events-a;DB_CLOSE_DELAY=-1", "attached.orders-db.pool.max-size", "5",
                "attached.orders-db.drain-timeout", "300ms").beans(Orders.class, Recorder.class).start();
    }

    @Test
    void aSwapADrainACutAFailureADetachAndAProbeAreEachOneEvent() throws Exception {
        try (TestApp app = app()) {
            app.readiness();
            await().atMost(10, SECONDS).until(() -> first(ResourceProbed.class) != null);
            ResourceProbed probed = first(ResourceProbed.class);
            assertTrue(probed.up(), probed.toString());
            assertEquals(1, probed.generation());

            app.config().set(URL, "jdbc:h2:mem:events-b;DB_CLOSE_DELAY=-1");
            app.resources().refresh("orders-db");
            await().atMost(10, SECONDS).until(() -> first(ResourceDrained.class) != null);
            assertEquals(2, first(ResourceSwapped.class).generation());
            assertTrue(SEEN.indexOf(first(ResourceSwapped.class)) < SEEN.indexOf(first(ResourceDrained.class)),
                    "the swap is reported before the drain it starts: " + SEEN);
            ResourceDrained drained = first(ResourceDrained.class);
            assertEquals(1, drained.generation());
            assertFalse(drained.wasCut(), "nothing was in use: " + drained);

            try (Connection held = app.select(Orders.class).borrow()) {
                app.config().set(URL, "jdbc:h2:mem:events-c;DB_CLOSE_DELAY=-1");
                app.resources().refresh("orders-db");
                await().atMost(10, SECONDS).until(() -> all(ResourceDrained.class).size() == 2);
                ResourceDrained cut = all(ResourceDrained.class).get(1);
                assertEquals(2, cut.generation());
                assertEquals(1, cut.cut(), "the borrowed connection was cut at drain-timeout: " + cut);
            }

            app.config().set(URL, "smtp://relay:25");
            app.resources().refresh("orders-db");
            assertEquals(3, first(ResourceSwapFailed.class).generation());

            app.config().remove(URL);
            app.resources().refresh("orders-db");
            ResourceDetached detached = first(ResourceDetached.class);
            assertEquals(3, detached.generation());
            assertEquals("jdbc:h2:mem:events-c", detached.previousLocation());
            assertTrue(SEEN.stream().allMatch(e -> e.name().equals("orders-db")), SEEN::toString);
        }
    }

    @Test
    void theStatusShowsThePoolUsageOfTheGenerationInUse() throws Exception {
        try (TestApp app = app()) {
            Orders orders = app.select(Orders.class);
            try (Connection a = orders.borrow(); Connection b = orders.borrow()) {
                ResourceUsage usage = app.resources().status("orders-db").usage().orElseThrow();
                assertEquals(2, usage.active());
                assertEquals(5, usage.max());
                assertEquals(0, usage.waiting());
            }
            ResourceUsage returned = app.resources().status("orders-db").usage().orElseThrow();
            assertEquals(0, returned.active());
            assertTrue(returned.idle() >= 2, "both connections are open and idle now: " + returned);

            app.config().remove(URL);
            ResourceStatus detached = app.resources().refresh("orders-db");
            assertTrue(detached.usage().isEmpty(), detached.toString());
        }
    }

    static <E> E first(Class<E> type) {
        List<E> all = all(type);
        return all.isEmpty() ? null : all.get(0);
    }

    static <E> List<E> all(Class<E> type) {
        return SEEN.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
