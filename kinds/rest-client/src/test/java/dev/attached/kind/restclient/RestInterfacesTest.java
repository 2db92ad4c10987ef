package dev.attached.kind.restclient;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.GET;

import org.junit.jupiter.api.Test;

import dev.attached.ResourceHandle;
import dev.attached.kind.restclient.testing.BillingClient;
import dev.attached.kind.restclient.testing.ShippingClient;
import dev.attached.kind.restclient.testing.TrackingClient;

/** Which injected types the kind serves ({@code ResourceKind.serves}). */
class RestInterfacesTest {

    /** Inherits its only resource method. */
    public interface ExtendedTracking extends TrackingClient {
    }

    public interface Generic<T> {
        @GET
        T get();
    }

    public interface Plain {
        String call();
    }

    private final RestClientKind kind = new RestClientKind();

    @Test
    void servesInterfacesWithRestClientOrJakartaRestAnnotations() {
        assertTrue(kind.serves(ShippingClient.class), "@RegisterRestClient");
        assertTrue(kind.serves(TrackingClient.class), "@Path on the interface");
        assertTrue(kind.serves(BillingClient.class), "@GET and @Path on methods only");
        assertTrue(kind.serves(ExtendedTracking.class), "an inherited resource method");
        assertTrue(kind.serves(Generic.class), "the raw interface");
    }

    @Test
    void servesNothingElse() {
        assertFalse(kind.serves(Plain.class));
        assertFalse(kind.serves(Runnable.class));
        assertFalse(kind.serves(DataSource.class));
        assertFalse(kind.serves(ResourceHandle.class));
        assertFalse(kind.serves(String.class));
        assertFalse(kind.serves(GET.class), "an annotation");
        assertFalse(kind.serves(new TypeLiteral<Generic<String>>() {
        }.getType()), "a parameterized type: RestClientBuilder builds classes");
        assertFalse(kind.serves(new TypeLiteral<Callable<List<String>>>() {
        }.getType()));
        assertTrue(kind.types().isEmpty());
    }
}
