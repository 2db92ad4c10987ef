package dev.attached.kind.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapFailed;
import dev.attached.kind.restclient.testing.Quote;
import dev.attached.kind.restclient.testing.Shipping;
import dev.attached.kind.restclient.testing.ShippingClient;
import dev.attached.kind.restclient.testing.TestApi;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.Load;
import dev.attached.kind.testkit.SwapRecorder;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;

/**
 * Live swaps through the configuration's change signal: under load from eight threads with nothing lost, a request
 * in flight finishing on the old server, the old clients closed once drained, and handles that must not take over.
 */
class RestClientSwapTest {

    private static final String URL = "attached.shipping-api.url";

    private static TestApp start(TestApi api, String... more) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(URL, api.url());
        config.put("attached.shipping-api.bearer-token", Canary.PASSWORD);
        config.put("attached.shipping-api.health.timeout", RestClientEngineTest.PATIENT);
        config.put("attached.shipping-api.drain-timeout", "60s");
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return TestApp.with(config).beans(Shipping.class, SwapRecorder.class).start();
    }

    @Test
    void swapUnderLoadFromEightThreadsLosesNothingAndTheRequestInFlightFinishesOnTheOldServer() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        List<Logger> wire = Stream.of("org.apache.http", "com.sun.net.httpserver").map(Logger::getLogger).toList();
        try (TestApi a = new TestApi("a"); TestApi b = new TestApi("b"); TestApp app = start(a)) {
            // forty DEBUG records a call, formatted and kept, would measure the log: RestClientSecretsTest reads them
            wire.forEach(l -> l.setLevel(Level.INFO));
            ShippingClient shipping = app.select(Shipping.class).shipping();
            assertEquals(HealthCheckResponse.Status.UP, app.readinessResponse("shipping-api").getStatus());
            ShippingClient oldClient = shipping.self(); // generation 1's client as the implementation built it
            CompletableFuture<Quote> inFlight = CompletableFuture.supplyAsync(() -> shipping.slowQuote("in-flight"),
                    caller);
            assertTrue(a.awaitSlowRequest(), "the slow request reached A");

            Map<String, LongAdder> answeredBy = new ConcurrentHashMap<>();
            long swapMillis;
            long aAtSwap;
            long drainMillis;
            long calls;
            List<Throwable> failures;
            try (Load load = new Load("shipping", 8, thread -> answeredBy
                    .computeIfAbsent(shipping.quote("t" + thread).carrier(), c -> new LongAdder()).increment())) {
                load.awaitCalls(1000);
                System.out.printf("[rest-client] before the swap: %d calls%n", load.calls());

                long signal = System.nanoTime();
                TestConfigSource.set(URL, b.url()); // the change signal; the engine swaps on its own
                await(() -> app.resources().status("shipping-api").generation() == 2, "generation 2");
                swapMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signal);
                aAtSwap = a.count("/v2/quotes");
                load.awaitCalls(1000);
                System.out.printf("[rest-client] after the swap: %d calls%n", load.calls());

                assertFalse(inFlight.isDone(), "the request in flight still waits on A");
                assertEquals("pong", oldClient.ping(), "generation 1 stays open while its request is in flight");
                long release = System.nanoTime();
                a.releaseSlow();
                assertEquals(new Quote("in-flight", "a", 1), inFlight.get(30, TimeUnit.SECONDS));
                await(() -> isClosed(oldClient), "generation 1's client closed");
                drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - release);
                load.awaitCalls(1000);
                load.close();
                calls = load.calls();
                failures = load.failures();
            }
            long onA = answeredBy.getOrDefault("a", new LongAdder()).sum();
            long onB = answeredBy.getOrDefault("b", new LongAdder()).sum();
            long onAAfterSwap = a.count("/v2/quotes") - aAtSwap;
            System.out.printf("[rest-client] swap under load, 8 threads: %d calls, %d failed; %d answered by the old"
                    + " server, %d by the new one; swap took %d ms from the change signal; %d calls reached the old"
                    + " server after the swap was seen (started before it); old client closed %d ms after its"
                    + " request in flight was answered%n", calls, failures.size(), onA, onB, swapMillis,
                    onAAfterSwap, drainMillis);

            assertEquals(List.of(), failures.stream().map(Throwable::toString).toList());
            assertEquals(calls, onA + onB, "every call answered by exactly one server");
            assertTrue(onA >= 100 && onB >= 100, "both servers answered under load: A " + onA + ", B " + onB);
            assertTrue(onAAfterSwap <= 8, "only calls started before the swap reach A after it: " + onAAfterSwap);
            assertEquals(1, app.select(SwapRecorder.class).swapped().size());
            assertEquals(b.url(), app.select(SwapRecorder.class).swapped().get(0).location());
            assertEquals("Bearer " + Canary.PASSWORD, b.lastRequest("/v2/quotes").header("Authorization"));
            HealthCheckResponse readiness = app.readinessResponse("shipping-api");
            assertEquals(HealthCheckResponse.Status.UP, readiness.getStatus());
            assertEquals(2L, ((Number) readiness.getData().orElseThrow().get("generation")).longValue());
        } finally {
            caller.shutdownNow();
            wire.forEach(l -> l.setLevel(null));
        }
    }

    @Test
    void anAsynchronousCallInFlightFinishesOnTheOldServer() throws Exception {
        try (TestApi a = new TestApi("a"); TestApi b = new TestApi("b"); TestApp app = start(a)) {
            ShippingClient shipping = app.select(Shipping.class).shipping();
            ShippingClient oldClient = shipping.self();
            CompletableFuture<Quote> answer = shipping.slowQuoteAsync("async").toCompletableFuture();
            assertTrue(a.awaitSlowRequest());

            TestConfigSource.set(URL, b.url());
            await(() -> app.resources().status("shipping-api").generation() == 2, "generation 2");
            assertEquals("b", shipping.quote("after").carrier());
            assertEquals("pong", oldClient.ping(), "generation 1 waits for its asynchronous call");

            a.releaseSlow();
            assertEquals(new Quote("async", "a", 1), answer.get(30, TimeUnit.SECONDS));
            await(() -> isClosed(oldClient), "generation 1's client closed");
        }
    }

    @Test
    void aBadHandleAtSwapTimeKeepsTheOldOneServing() throws Exception {
        try (TestApi a = new TestApi("a"); TestApi b = new TestApi("b"); TestApp app = start(a)) {
            ShippingClient shipping = app.select(Shipping.class).shipping();
            SwapRecorder events = app.select(SwapRecorder.class);
            assertEquals("a", shipping.quote("q1").carrier());

            TestConfigSource.set(URL, "ftp://127.0.0.1:" + b.port() + "/v2");
            await(() -> events.failed().size() == 1, "a failed swap");
            assertFailedAndStillOnA(app, shipping, events.failed().get(0),
                    "url: scheme 'ftp' does not fit a Rest Client (use http:// or https://)");

            TestConfigSource.setAll(Map.of(URL, b.url(), "attached.shipping-api.read-timeout", "soon"));
            await(() -> events.failed().size() == 2, "a second failed swap");
            assertFailedAndStillOnA(app, shipping, events.failed().get(1),
                    "read-timeout: 'soon' is not a duration (write it as 500ms, 2s, 1m, 1h or PT2S)");

            b.answerHealth(503);
            TestConfigSource.set("attached.shipping-api.read-timeout", "10s");
            await(() -> events.failed().size() == 3, "a third failed swap");
            assertFailedAndStillOnA(app, shipping, events.failed().get(2),
                    "GET " + b.url() + " answered 503, and UP is 100-499");

            b.answerHealth(200);
            assertEquals(2, app.resources().refresh("shipping-api").generation());
            assertEquals("b", shipping.quote("q2").carrier());
            assertEquals(List.of(), events.swapped().stream().filter(e -> e.generation() != 2).toList());
        }
    }

    private static void assertFailedAndStillOnA(TestApp app, ShippingClient shipping, ResourceSwapFailed event,
            String reason) {
        assertTrue(event.error().contains(reason), event.toString());
        ResourceStatus status = app.resources().status("shipping-api");
        assertEquals(ResourceState.ATTACHED, status.state());
        assertEquals(1, status.generation());
        assertTrue(status.lastError().orElseThrow().contains(reason), status.toString());
        assertEquals("a", shipping.quote("still").carrier(), "the old API keeps serving");
        HealthCheckResponse readiness = app.readinessResponse("shipping-api");
        assertEquals(HealthCheckResponse.Status.UP, readiness.getStatus());
        assertEquals(1L, ((Number) readiness.getData().orElseThrow().get("generation")).longValue());
    }

    /** Whether a client the implementation built is closed: a closed one refuses calls without sending them. */
    private static boolean isClosed(ShippingClient client) {
        try {
            client.ping();
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Polls {@code condition} for up to 60 seconds (a loaded machine), failing with {@code what} if it never holds. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.sleep(5);
        }
    }
}
