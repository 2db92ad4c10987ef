package dev.attached.kind.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.attached.kind.restclient.testing.BillingClient;
import dev.attached.kind.restclient.testing.Quote;
import dev.attached.kind.restclient.testing.ShippingClient;
import dev.attached.kind.restclient.testing.TestApi;
import dev.attached.kind.restclient.testing.TrackingClient;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.SilentServer;
import dev.attached.kind.testkit.TestHandle;

/** The kind called directly, as the engine calls it: open, view, probe, inUse, close, detached. */
class RestClientKindTest {

    /** Long enough for a loaded machine's first probe; the silent-server tests use a short one on purpose. */
    private static final Duration PATIENT = Duration.ofSeconds(20);

    private static TestApi api;
    private final RestClientKind kind = new RestClientKind();

    @BeforeAll
    static void startServer() {
        api = new TestApi("kind");
    }

    /** RESTEasy registered a Config for this class loader when it built a client; the next TestApp brings its own. */
    @AfterAll
    static void stopServer() {
        api.close();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig());
    }

    private RestClients open(String url, String... keys) {
        List<String> problems = new ArrayList<>();
        RestClientSettings settings = kind.configure(TestHandle.of("shipping-api", url, keys), problems);
        assertEquals(List.of(), problems);
        return kind.open(settings);
    }

    @Test
    void openTouchesNoNetworkAndBuildsOneClientPerInterfaceOnFirstUse() throws Exception {
        RestClients down = open("http://127.0.0.1:" + Ports.free() + "/v2");
        assertEquals(0, down.built());
        kind.close(down);

        RestClients clients = open(api.url());
        ShippingClient shipping = (ShippingClient) kind.view(clients, ShippingClient.class);
        assertSame(shipping, kind.view(clients, ShippingClient.class));
        assertEquals(new Quote("k1", "kind", 1200), shipping.quote("k1"));
        TrackingClient tracking = (TrackingClient) kind.view(clients, TrackingClient.class);
        assertEquals("in-transit", tracking.track("k1").status());
        assertEquals(2, clients.built());
        kind.close(clients);
    }

    @Test
    void closingTheGenerationClosesEveryClientItBuilt() throws Exception {
        RestClients clients = open(api.url());
        ShippingClient built = ((ShippingClient) kind.view(clients, ShippingClient.class)).self();
        BillingClient billing = (BillingClient) kind.view(clients, BillingClient.class);
        assertEquals("pong", built.ping());
        billing.close(); // what calls reach ignores close(): the generation owns the client
        assertEquals("kind", billing.invoiceQuote("b1").carrier());

        kind.close(clients);
        IllegalStateException closed = assertThrows(IllegalStateException.class, built::ping);
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        assertThrows(IllegalStateException.class, () -> billing.invoiceQuote("b2"));
        assertThrows(IllegalStateException.class, () -> kind.view(clients, TrackingClient.class),
                "nothing is built after close");
    }

    @Test
    void probeIsUpWithTheStatusAndSendsTheCredentials() throws Exception {
        RestClients clients = open(api.url(), "bearer-token", Canary.PASSWORD, "header.X-Api-Version", "2");
        try {
            Map<String, Object> data = kind.probe(clients, PATIENT);
            assertEquals(200, data.get("status"));
            assertEquals("GET /v2", data.get("probe"));
            TestApi.Request probe = api.lastRequest("/v2");
            assertEquals("Bearer " + Canary.PASSWORD, probe.header("Authorization"));
            assertEquals("2", probe.header("X-Api-Version"));
            Canary.assertAbsent("the probe data", data.toString());
        } finally {
            kind.close(clients);
        }
    }

    @Test
    void anApiThatAnswers401IsReachableAndSaysSo() throws Exception {
        api.answerHealth(401);
        RestClients clients = open(api.url());
        try {
            assertEquals(401, kind.probe(clients, PATIENT).get("status"));
        } finally {
            api.answerHealth(200);
            kind.close(clients);
        }
    }

    @Test
    void aServerErrorOrAStatusOutsideUpStatusIsDownWithTheReason() throws Exception {
        api.answerHealth(503);
        RestClients clients = open(api.url());
        RestClients strict = open(api.url(), "health.up-status", "200-299");
        try {
            ProbeException e = assertThrows(ProbeException.class, () -> kind.probe(clients, PATIENT));
            assertEquals("GET " + api.url() + " answered 503, and UP is 100-499", e.getMessage());
            api.answerHealth(401);
            e = assertThrows(ProbeException.class, () -> kind.probe(strict, PATIENT));
            assertEquals("GET " + api.url() + " answered 401, and UP is 200-299", e.getMessage());
        } finally {
            api.answerHealth(200);
            kind.close(clients);
            kind.close(strict);
        }
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersIsDownWithinTheTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            RestClients clients = open("http://127.0.0.1:" + silent.port() + "/v2");
            try {
                for (int attempt = 0; attempt < 2; attempt++) {
                    long start = System.nanoTime();
                    ProbeException e = assertThrows(ProbeException.class,
                            () -> kind.probe(clients, Duration.ofMillis(800)));
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertTrue(e.getMessage().startsWith("no answer within 800ms to GET http://127.0.0.1:"),
                            e.getMessage());
                    assertTrue(millis < 15_000, "the probe was bounded, not hung: " + millis + " ms");
                    System.out.printf("[rest-client] probe of a silent server: DOWN after %d ms (timeout 800 ms)%n",
                            millis);
                }
                assertTrue(silent.accepted() >= 1);
            } finally {
                kind.close(clients);
            }
        }
    }

    @Test
    void aRefusedPortIsDownWithTheReason() throws Exception {
        RestClients clients = open("http://127.0.0.1:" + Ports.free() + "/v2");
        try {
            ProbeException e = assertThrows(ProbeException.class, () -> kind.probe(clients, PATIENT));
            assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
        } finally {
            kind.close(clients);
        }
    }

    @Test
    void anAsynchronousCallIsInUseUntilAnswered() throws Exception {
        RestClients clients = open(api.url());
        try {
            AtomicInteger releases = new AtomicInteger();
            kind.retiring(clients, releases::incrementAndGet);
            ShippingClient shipping = (ShippingClient) kind.view(clients, ShippingClient.class);
            CompletableFuture<Quote> answer = shipping.slowQuoteAsync("a1").toCompletableFuture();
            assertTrue(api.awaitSlowRequest());
            assertEquals(1, kind.inUse(clients));
            assertFalse(answer.isDone());
            api.releaseSlow();
            assertEquals(new Quote("a1", "kind", 1), answer.get(30, TimeUnit.SECONDS));
            long deadline = System.currentTimeMillis() + 10_000;
            while (kind.inUse(clients) != 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, kind.inUse(clients));
            assertTrue(releases.get() >= 1, "the engine was told");
        } finally {
            kind.close(clients);
        }
    }

    @Test
    void theDetachedStandInFailsEveryCallWithTheMessage() {
        RestClients detached = kind.detached("ATTACHED-106: resource 'shipping-api' is detached");
        ShippingClient shipping = (ShippingClient) kind.view(detached, ShippingClient.class);
        ProcessingException e = assertThrows(ProcessingException.class, () -> shipping.quote("x"));
        assertEquals("ATTACHED-106: resource 'shipping-api' is detached", e.getMessage());
        assertThrows(ProcessingException.class, () -> shipping.slowQuoteAsync("x"));
        assertNotSame(shipping, kind.view(detached, TrackingClient.class));
        assertThrows(ProbeException.class, () -> kind.probe(detached, PATIENT));
    }
}
