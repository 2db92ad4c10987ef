package dev.attached.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.attached.AttachedResource;
import dev.attached.impl.TestEndpointKind.Endpoint;
import dev.attached.impl.testing.TestApp;

/** A kind that serves a family of types ({@code ResourceKind.serves}): any of them is injected and follows swaps. */
class FamilyKindTest {

    @Endpoint
    public interface Shipping {
        String quote();
    }

    @Endpoint
    public interface Tracking {
        String status();
    }

    /** Not annotated: no kind serves it. */
    public interface Unserved {
        String call();
    }

    @ApplicationScoped
    public static class Clients {
        @Inject
        @AttachedResource("shipping-api")
        Shipping shipping;

        @Inject
        @AttachedResource("shipping-api")
        Tracking tracking;

        String quote() {
            return shipping.quote();
        }

        String status() {
            return tracking.status();
        }
    }

    @ApplicationScoped
    public static class UnservedClient {
        @Inject
        @AttachedResource("other-api")
        Unserved unserved;
    }

    @Test
    void everyTypeOfTheFamilyIsInjectedAsOneResourceAndFollowsSwaps() {
        try (TestApp app = TestApp.with("attached.shipping-api.url", "endpoint://a").beans(Clients.class).start()) {
            Clients clients = app.select(Clients.class);
            assertEquals("endpoint://a", clients.quote());
            assertEquals("endpoint://a", clients.status());
            assertEquals("test-endpoint", app.resources().status("shipping-api").kind());

            app.config().set("attached.shipping-api.url", "endpoint://b");
            assertEquals(2, app.resources().refresh("shipping-api").generation());
            assertEquals("endpoint://b", clients.quote());
            assertEquals("endpoint://b", clients.status());
        }
    }

    @Test
    void aTypeNoKindServesIsStillADefinitionError() {
        TestApp.Builder app = TestApp.with("attached.other-api.url", "endpoint://a").beans(UnservedClient.class);
        RuntimeException error = assertThrows(RuntimeException.class, app::start);
        String message = String.valueOf(error.getMessage()) + error.getCause();
        assertTrue(message.contains("Unserved"), message);
    }
}
