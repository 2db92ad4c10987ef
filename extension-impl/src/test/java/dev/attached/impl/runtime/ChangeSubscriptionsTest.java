package dev.attached.impl.runtime;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfigBuilder;

import dev.attached.impl.testing.MutableConfigSource;

/** Change signals: grouped per resource by the settle time, applied per resource, unsubscribed at shutdown. */
class ChangeSubscriptionsTest {

    private final MutableConfigSource source = new MutableConfigSource(Map.of());
    private final List<String> refreshed = new CopyOnWriteArrayList<>();

    private ChangeSubscriptions subscribe(java.util.function.Consumer<String> refresh) {
        return ChangeSubscriptions.subscribe(new SmallRyeConfigBuilder().withSources(source).build(),
                Duration.ofMillis(300), Set.of("orders-db", "mailer"), refresh);
    }

    @Test
    void keysWrittenOneAfterTheOtherAreAppliedAsOneRefresh() {
        try (ChangeSubscriptions subscriptions = subscribe(refreshed::add)) {
            source.set("attached.orders-db.url", "jdbc:h2:mem:b");
            source.set("attached.orders-db.password", "new");
            source.set("ATTACHED_ORDERS_DB_USERNAME", "app"); // an environment-style name counts too
            source.set("attached.unrelated.url", "x");
            await().atMost(5, SECONDS).until(() -> refreshed.size() == 1);
            await().during(Duration.ofMillis(600)).atMost(2, SECONDS).until(() -> refreshed.size() == 1);
            assertEquals(List.of("orders-db"), refreshed);
        }
    }

    @Test
    void aRefreshThatHangsDoesNotHoldBackAnotherResource() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        try (ChangeSubscriptions subscriptions = subscribe(name -> {
            refreshed.add(name);
            if (name.equals("orders-db")) {
                awaitQuietly(hung); // a swap probing an address that never answers
            }
        })) {
            source.set("attached.orders-db.url", "jdbc:h2:mem:b");
            await().atMost(5, SECONDS).until(() -> refreshed.contains("orders-db"));
            source.set("attached.mailer.url", "smtp://relay");
            await().atMost(5, SECONDS).until(() -> refreshed.contains("mailer"));
        } finally {
            hung.countDown();
        }
    }

    @Test
    void closingRemovesEveryListenerItAdded() {
        ChangeSubscriptions subscriptions = subscribe(refreshed::add);
        assertEquals(1, source.listeners());
        subscriptions.close();
        assertEquals(0, source.listeners());
        source.set("attached.orders-db.url", "jdbc:h2:mem:c");
        await().during(Duration.ofMillis(600)).atMost(2, SECONDS).until(refreshed::isEmpty);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
