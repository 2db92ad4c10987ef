package dev.attached.kind.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.attached.AttachedResource;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.kind.restclient.testing.Billing;
import dev.attached.kind.restclient.testing.Parcel;
import dev.attached.kind.restclient.testing.Quote;
import dev.attached.kind.restclient.testing.Shipping;
import dev.attached.kind.restclient.testing.ShippingClient;
import dev.attached.kind.restclient.testing.TestApi;
import dev.attached.kind.restclient.testing.Tracking;
import dev.attached.kind.restclient.testing.TrackingClient;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.SilentServer;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;

/**
 * The kind inside Attached's engine (Weld SE, SmallRye Config and Health, RESTEasy's MicroProfile Rest Client):
 * injection of several interfaces, JSON both ways, readiness data, detach and attach. Every application captures
 * all logging at every level and fails if the canary password shows up.
 */
class RestClientEngineTest {

    /** A probe timeout that a loaded machine (other builds on two cores) does not run out of. */
    static final String PATIENT = "20s";

    private static TestApi shippingServer;
    private static TestApi billingServer;

    @BeforeAll
    static void startServers() {
        shippingServer = new TestApi("shipping");
        billingServer = new TestApi("billing");
    }

    @AfterAll
    static void stopServers() {
        shippingServer.close();
        billingServer.close();
    }

    @Test
    void twoInterfacesOfOneResourceAndOneOfAnotherReachTheirServersWithJson() {
        try (TestApp app = TestApp.with("attached.shipping-api.url", shippingServer.url(),
                "attached.billing-api.url", billingServer.url()).beans(Shipping.class, Billing.class).start()) {
            Shipping shipping = app.select(Shipping.class);
            Billing billing = app.select(Billing.class);

            assertEquals(new Quote("p1", "shipping", 1200), shipping.shipping().quote("p1"));
            assertEquals(new Quote("p2", "shipping", 5000), shipping.shipping().quote(new Parcel("p2", 2500)));
            TestApi.Request post = shippingServer.lastRequest("/v2/quotes");
            assertEquals("{\"id\":\"p2\",\"weightGrams\":2500}", post.body());
            assertEquals("application/json", post.header("Content-Type"));
            assertEquals(new Tracking("p1", "in-transit", "shipping"), shipping.tracking().track("p1"));
            assertEquals(new Quote("b1", "billing", 1200), billing.billing().invoiceQuote("b1"));

            billing.billing().close(); // the generation owns its clients: closing an injected one does nothing
            assertEquals(new Quote("b2", "billing", 1200), billing.billing().invoiceQuote("b2"));

            ResourceStatus status = app.resources().status("shipping-api");
            assertEquals("rest-client", status.kind());
            assertEquals(ResourceState.ATTACHED, status.state());
            assertEquals(shippingServer.url(), status.location());
            assertEquals("rest-client", app.resources().status("billing-api").kind());
        }
    }

    @Test
    void readinessIsUpWithTheStatusInItsData() {
        try (TestApp app = TestApp.with("attached.shipping-api.url", shippingServer.url(),
                "attached.shipping-api.health.timeout", PATIENT).beans(Shipping.class).start()) {
            HealthCheckResponse readiness = app.readinessResponse("shipping-api");
            assertEquals(HealthCheckResponse.Status.UP, readiness.getStatus(), readiness.getData().toString());
            Map<String, Object> data = readiness.getData().orElseThrow();
            assertEquals("rest-client", data.get("kind"));
            assertEquals(shippingServer.url(), data.get("location"));
            assertEquals(1L, ((Number) data.get("generation")).longValue());
            assertEquals(200L, ((Number) data.get("status")).longValue());
            assertEquals("GET /v2", data.get("probe"));
            assertEquals("UP", app.check("shipping-api").getString("status"));
        }
    }

    @Test
    void readinessFollowsWhatTheApiAnswers() throws Exception {
        try (TestApi api = new TestApi("moody");
                TestApp app = TestApp.with("attached.moody-api.url", api.url(),
                        "attached.moody-api.health.timeout", PATIENT).beans(Moody.class).start()) {
            api.answerHealth(401);
            HealthCheckResponse unauthorized = app.readinessResponse("moody-api");
            assertEquals(HealthCheckResponse.Status.UP, unauthorized.getStatus(), "reachable: it answered");
            assertEquals(401L, ((Number) unauthorized.getData().orElseThrow().get("status")).longValue());

            api.answerHealth(503); // seen once the engine's shared probe result is over
            HealthCheckResponse unavailable = awaitReadiness(app, "moody-api", HealthCheckResponse.Status.DOWN);
            assertEquals("ProbeException: GET " + api.url() + " answered 503, and UP is 100-499",
                    unavailable.getData().orElseThrow().get("error"));

            api.answerHealth(200);
            awaitReadiness(app, "moody-api", HealthCheckResponse.Status.UP);
        }
    }

    /** Polls readiness for up to 60 seconds until it is {@code expected}; returns that response. */
    static HealthCheckResponse awaitReadiness(TestApp app, String name, HealthCheckResponse.Status expected)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        HealthCheckResponse response = app.readinessResponse(name);
        while (response.getStatus() != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            response = app.readinessResponse(name);
        }
        assertEquals(expected, response.getStatus(), response.getData().toString());
        return response;
    }

    @Test
    void readinessOfAHungOrRefusedApiIsDownWithTheReason() throws Exception {
        int refused = Ports.free();
        try (SilentServer silent = new SilentServer();
                TestApp app = TestApp.with(
                        "attached.moody-api.url", "http://127.0.0.1:" + silent.port() + "/v2",
                        "attached.moody-api.health.timeout", "800ms",
                        "attached.gone-api.url", "http://127.0.0.1:" + refused + "/v2",
                        "attached.gone-api.health.timeout", PATIENT).beans(Moody.class, Gone.class).start()) {
            long start = System.nanoTime();
            HealthCheckResponse hung = app.readinessResponse("moody-api");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(HealthCheckResponse.Status.DOWN, hung.getStatus());
            assertTrue(String.valueOf(hung.getData().orElseThrow().get("error")).contains("no answer within 800ms"),
                    hung.getData().toString());
            assertTrue(millis < 15_000, "bounded, not hung: " + millis + " ms");

            HealthCheckResponse gone = app.readinessResponse("gone-api");
            assertEquals(HealthCheckResponse.Status.DOWN, gone.getStatus());
            assertTrue(String.valueOf(gone.getData().orElseThrow().get("error")).contains("ConnectException"),
                    gone.getData().toString());
            System.out.printf("[rest-client] readiness of a silent API: DOWN after %d ms (health.timeout 800ms)%n",
                    millis);
        }
    }

    /** Injects a client of {@code moody-api}. */
    @ApplicationScoped
    public static class Moody {
        @Inject
        @AttachedResource("moody-api")
        TrackingClient tracking;
    }

    /** Injects a client of {@code gone-api}. */
    @ApplicationScoped
    public static class Gone {
        @Inject
        @AttachedResource("gone-api")
        TrackingClient tracking;
    }

    @Test
    void aDetachedResourceFailsFastNamingTheKeyAndAttachesWhenTheUrlIsSet() {
        try (TestApp app = TestApp.with("attached.shipping-api.optional", "true",
                "attached.shipping-api.health.timeout", PATIENT).beans(Shipping.class).start()) {
            Shipping shipping = app.select(Shipping.class);
            ShippingClient reference = shipping.shipping();
            assertEquals(ResourceState.DETACHED, app.resources().status("shipping-api").state());
            for (Runnable call : List.<Runnable>of(() -> shipping.shipping().quote("p1"),
                    () -> shipping.tracking().track("p1"))) {
                long start = System.nanoTime();
                ProcessingException e = assertThrows(ProcessingException.class, call::run);
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000);
                assertEquals("ATTACHED-106: resource 'shipping-api' is detached:"
                        + " set attached.shipping-api.url to attach it", e.getMessage());
            }
            // optional: the application declared it can serve without it
            HealthCheckResponse detached = app.readinessResponse("shipping-api");
            assertEquals(HealthCheckResponse.Status.UP, detached.getStatus());
            assertEquals(true, detached.getData().orElseThrow().get("optional"));

            TestConfigSource.set("attached.shipping-api.url", shippingServer.url());
            ResourceStatus status = app.resources().refresh("shipping-api");
            assertEquals(ResourceState.ATTACHED, status.state());
            assertEquals(new Quote("p3", "shipping", 1200), shipping.shipping().quote("p3"));
            assertEquals(HealthCheckResponse.Status.UP, app.readinessResponse("shipping-api").getStatus());
            assertSame(reference, shipping.shipping(), "the injected reference is stable");
        }
    }
}
