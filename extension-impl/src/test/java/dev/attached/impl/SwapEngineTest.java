package dev.attached.impl;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.attached.AttachedResource;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapped;
import dev.attached.impl.TestQueueKind.Queue;
import dev.attached.impl.testing.TestApp;

/**
 * The swap core through a plugged-in kind: calls are counted by Attached for every kind, swaps of different resources
 * are independent, events run outside the swap, stale readings never win, stuck probes are abandoned.
 */
class SwapEngineTest {

    static final String URL = "attached.queue.url";
    static final String OTHER_URL = "attached.other.url";

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @ApplicationScoped
    public static class Queues {
        @Inject
        @AttachedResource("queue")
        Queue queue;

        @Inject
        @AttachedResource("other")
        Queue other;

        Queue queue() {
            return queue;
        }
    }

    @BeforeEach
    void reset() {
        TestQueueKind.reset();
        Observers.calls.set(0);
    }

    @AfterEach
    void stop() {
        TestQueueKind.reset();
        callers.shutdownNow();
    }

    static TestApp.Builder app(String... more) {
        return TestApp.with(URL, "queue://a", OTHER_URL, "queue://other", "attached.change-settle", "50ms")
                .config(more).beans(Queues.class);
    }

    @Test
    void aCallInFlightFinishesOnTheOldGenerationWhichClosesOnlyAfterIt() throws Exception {
        try (TestApp app = app().start()) {
            Queue queue = app.select(Queues.class).queue();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<String> call = callers.submit(() -> queue.call(() -> {
                inside.countDown();
                awaitQuietly(release);
            }));
            if (!inside.await(5, SECONDS)) {
                call.get(); // shows why the call never got in
            }
            Queue old = TestQueueKind.OPENED.stream().filter(q -> q.location().equals("queue://a")).findFirst()
                    .orElseThrow();

            app.config().set(URL, "queue://b");
            assertEquals(2, app.resources().refresh("queue").generation());
            assertEquals("queue://b", queue.location(), "new work goes to the new generation at once");
            // The kind counts nothing: Attached counts the call, so the drain waits for it, however long it takes.
            await().during(Duration.ofMillis(600)).atMost(2, SECONDS).until(() -> !old.closed());

            release.countDown();
            assertEquals("queue://a", call.get(5, SECONDS), "the call finished on the old generation, open");
            await().atMost(5, SECONDS).until(old::closed);
        }
    }

    @Test
    void observersRunOutsideTheSwapWithARequestContextAndCannotChangeItsOutcome() {
        try (TestApp app = app().beans(Observers.class, RequestState.class).start()) {
            app.config().set(URL, "queue://b"); // applied on Attached's own thread, where no request is active
            await().atMost(5, SECONDS).until(() -> Observers.calls.get() == 1);
            ResourceStatus status = app.resources().status("queue");
            assertEquals(2, status.generation());
            assertTrue(status.lastError().isEmpty(), status.toString());

            app.config().set(URL, "queue://c");
            status = app.resources().refresh("queue"); // the observer throws: refresh does not
            assertEquals(3, status.generation());
            // the change signal may apply it first, on its own thread, and fire after this refresh returns
            await().atMost(5, SECONDS).until(() -> Observers.calls.get() == 2);
            assertEquals("queue://c", app.select(Queues.class).queue().location());
        }
    }

    @ApplicationScoped
    public static class Observers {
        static final AtomicInteger calls = new AtomicInteger();

        @Inject
        RequestState request;

        void swapped(@Observes @AttachedResource("queue") ResourceSwapped event) {
            request.touch(); // needs an active request context
            calls.incrementAndGet();
            throw new IllegalStateException("an observer that fails");
        }
    }

    @RequestScoped
    public static class RequestState {
        void touch() {
        }
    }

    /** Two threads each set a url and refresh at once: the resource must end where the configuration says. */
    @Test
    void concurrentRefreshesAlwaysEndMatchingTheConfiguration() throws Exception {
        try (TestApp app = app("attached.change-settle", "1h").start()) {
            Queue queue = app.select(Queues.class).queue();
            List<String> mismatches = new ArrayList<>();
            for (int round = 0; round < 600; round++) {
                CountDownLatch start = new CountDownLatch(1);
                String a = "queue://a" + round;
                String b = "queue://b" + round;
                Future<?> first = callers.submit(() -> setAndRefresh(app, start, a));
                Future<?> second = callers.submit(() -> setAndRefresh(app, start, b));
                start.countDown();
                first.get(10, SECONDS);
                second.get(10, SECONDS);
                String configured = app.config().getValue(URL);
                if (!configured.equals(queue.location())) {
                    mismatches.add("round " + round + ": configured " + configured + ", serving " + queue.location());
                }
            }
            assertEquals(List.of(), mismatches);
        }
    }

    private static Void setAndRefresh(TestApp app, CountDownLatch start, String url) throws InterruptedException {
        start.await();
        app.config().set(URL, url);
        app.resources().refresh("queue");
        return null;
    }

    @Test
    void aSwapProbingAHungAddressDoesNotDelayAnotherResource() {
        TestQueueKind.hangProbes = new CountDownLatch(1);
        try (TestApp app = app("attached.queue.health.timeout", "60s").start()) {
            app.config().set(URL, "queue://hang"); // its make-before-break probe hangs
            await().atMost(5, SECONDS).until(() -> TestQueueKind.HUNG.get() == 1);
            app.config().set(OTHER_URL, "queue://other-2");
            await().atMost(5, SECONDS).until(() -> app.resources().status("other").generation() == 2);
            assertEquals(1, app.resources().status("queue").generation(), "still probing");
            assertEquals("queue://a", app.select(Queues.class).queue().location(), "still serving the old one");

            TestQueueKind.hangProbes.countDown(); // the hung address answers after all
            await().atMost(5, SECONDS).until(() -> app.resources().status("queue").generation() == 2);
        }
    }

    @Test
    void aStuckProbeIsAbandonedSoARecoveryIsSeenAndAbandonedProbesAreBounded() {
        TestQueueKind.hangProbes = new CountDownLatch(1);
        try (TestApp app = app(URL, "queue://hang", "attached.queue.health.timeout", "200ms").start()) {
            JsonObject down = app.check("queue");
            assertEquals("DOWN", down.getString("status"));
            assertEquals("no answer within 200ms", down.getJsonObject("data").getString("error"));

            // Every probe hangs: new ones are started as old ones are abandoned, up to a bound, then none.
            await().atMost(10, SECONDS).until(() -> app.check("queue").getJsonObject("data").getString("error")
                    .startsWith("ATTACHED-113: 3 probe(s) of queue have not returned within 200ms"));
            for (int i = 0; i < 20; i++) {
                app.check("queue");
            }
            assertTrue(TestQueueKind.HUNG.get() <= 3, "hung probe threads: " + TestQueueKind.HUNG.get());

            // The service recovers: the stuck probes return, and the next probe is UP.
            TestQueueKind.hangProbes.countDown();
            await().atMost(5, SECONDS).until(() -> app.check("queue").getString("status").equals("UP"));
            assertFalse(app.check("queue").getJsonObject("data").containsKey("error"));
        }
    }

    @Test
    void aProbeThatNeverReturnsDoesNotHideARecoveredService() {
        CountDownLatch stuck = new CountDownLatch(1);
        TestQueueKind.hangProbes = stuck;
        try (TestApp app = app(URL, "queue://hang", "attached.queue.health.timeout", "200ms").start()) {
            assertEquals("DOWN", app.check("queue").getString("status"));
            TestQueueKind.hangProbes = new CountDownLatch(0); // the service answers again; the first probe never will
            await().atMost(5, SECONDS).until(() -> app.check("queue").getString("status").equals("UP"));
            assertEquals(1, TestQueueKind.HUNG.get(), "the first probe is still stuck");
        } finally {
            stuck.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
