package dev.attached.impl;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;
import dev.attached.ResourceState;
import dev.attached.impl.testing.CachingConfig;
import dev.attached.impl.testing.Orders;
import dev.attached.impl.testing.TestApp;

/**
 * A server's Config may cache values (Payara Micro: 60 s). After a change signal, or a refresh, Attached must apply
 * the values the configuration holds now, with the cache left on.
 */
class CachedConfigTest {

    @Dependent
    public static class Queue {
        @Inject
        @AttachedResource("q")
        TestQueueKind.Queue queue;

        @Inject
        @AttachedResource("q")
        ResourceHandle handle;
    }

    @Test
    void aSignalledChangeIsAppliedThroughACachingConfig() {
        try (TestApp app = TestApp.with("attached.orders-db.url", "jdbc:h2:mem:cached-a").beans(Orders.class)
                .wrapConfig(CachingConfig::new).start()) {
            app.config().set("attached.orders-db.url", "jdbc:h2:mem:cached-b"); // the signal
            await().atMost(10, SECONDS).until(() -> app.resources().status("orders-db").generation() == 2);
            assertEquals("jdbc:h2:mem:cached-b", app.resources().status("orders-db").location());

            // a refresh within the cache's minute does not go back to what the cache holds
            assertEquals(2, app.resources().refresh("orders-db").generation());
            app.config().set("attached.orders-db.url", "jdbc:h2:mem:cached-a"); // and back, still cached
            await().atMost(10, SECONDS).until(() -> app.resources().status("orders-db").generation() == 3);
            assertEquals("jdbc:h2:mem:cached-a", app.resources().status("orders-db").location());
        }
    }

    @Test
    void keysAddedAndRemovedAreSeenThroughACachingConfig() {
        try (TestApp app = TestApp.with("attached.q.url", "queue://a").beans(Queue.class)
                .wrapConfig(CachingConfig::new).start()) {
            ResourceHandle handle = app.select(Queue.class).handle;
            app.config().setAll(Map.of("attached.q.region", "eu", "attached.q.password", "new"));
            assertEquals(2, app.resources().refresh("q").generation());
            assertEquals(Optional.of("eu"), handle.property("region"));
            assertEquals(Optional.of("new"), handle.password());

            app.config().remove("attached.q.region");
            assertEquals(3, app.resources().refresh("q").generation());
            assertEquals(Optional.empty(), handle.property("region"));

            app.config().remove("attached.q.url");
            assertEquals(ResourceState.DETACHED, app.resources().refresh("q").state());
        }
    }

    @Test
    void aValueThatRefersToAnotherKeyIsReadNewToo() {
        try (TestApp app = TestApp.with("attached.q.url", "queue://a", "attached.q.password", "${vault.q-password}",
                "vault.q-password", "first").beans(Queue.class).wrapConfig(CachingConfig::new).start()) {
            ResourceHandle handle = app.select(Queue.class).handle;
            assertEquals(Optional.of("first"), handle.password());
            app.config().set("vault.q-password", "second");
            assertEquals(2, app.resources().refresh("q").generation());
            assertEquals(Optional.of("second"), handle.password());
        }
    }

    @Test
    void theActiveProfileStillWinsWhenReadingPastTheCache() {
        try (TestApp app = TestApp.with("mp.config.profile", "prod", "attached.q.url", "queue://plain",
                "%prod.attached.q.url", "queue://prod-a").beans(Queue.class).wrapConfig(CachingConfig::new)
                .start()) {
            assertEquals("queue://prod-a", app.resources().status("q").location());
            app.config().set("%prod.attached.q.url", "queue://prod-b");
            await().atMost(10, SECONDS).until(() -> app.resources().status("q").generation() == 2);
            assertEquals("queue://prod-b", app.resources().status("q").location());
            app.config().set("attached.q.url", "queue://plain-2"); // not the active profile's: no swap
            assertEquals(2, app.resources().refresh("q").generation());
            assertTrue(app.resources().status("q").location().endsWith("prod-b"));
        }
    }
}
