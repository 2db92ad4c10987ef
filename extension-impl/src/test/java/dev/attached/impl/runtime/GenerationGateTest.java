package dev.attached.impl.runtime;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfigBuilder;

import dev.attached.impl.config.Handle;
import dev.attached.impl.config.HandleReader;
import dev.attached.impl.runtime.CountingKind.Resource;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.MutableConfigSource;
import dev.attached.spi.Current.Lease;

/** The generation gate and the drain: no grace period, no caller ever meets a closed resource. */
class GenerationGateTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    private final CountingKind kind = new CountingKind();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Drainer drainer = new Drainer(scheduler, Runnable::run, System::nanoTime, event -> {
    });

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Generation<Resource> generation(long number, String url) {
        HandleReader reader = new HandleReader(new SmallRyeConfigBuilder()
                .withSources(new MutableConfigSource(Map.of("attached.q.url", url))).build());
        Handle handle = reader.read("q", kind.keys()).handle().orElseThrow();
        return new Generation<>(number, handle, kind, kind.open(url));
    }

    @Test
    void aRetiredGenerationRefusesNewCallers() {
        Generation<Resource> old = generation(1, "counting://a");
        drainer.retire("q", old, LONG);
        assertFalse(old.tryEnter());
        assertTrue(old.resource().closed);
    }

    @Test
    void aRetiredGenerationClosesWhenItsLastCallerLeavesAndNotBefore() {
        Generation<Resource> old = generation(1, "counting://a");
        assertTrue(old.tryEnter());
        assertTrue(old.tryEnter());
        drainer.retire("q", old, LONG);
        old.close();
        assertFalse(old.resource().closed, "one caller is still inside");
        old.close();
        assertTrue(old.resource().closed);
        assertEquals(0, drainer.draining());
    }

    @Test
    void aRetiredGenerationWaitsForWhatItsKindLentOut() {
        Generation<Resource> old = generation(1, "counting://a");
        old.resource().lent.set(2);
        drainer.retire("q", old, LONG);
        old.resource().giveBack();
        assertFalse(old.resource().closed, "one unit is still lent out");
        old.resource().giveBack();
        assertTrue(old.resource().closed);
    }

    @Test
    void theDrainTimeoutCutsWhatIsStillInUseAndSaysHowMuch() {
        try (LogCapture log = new LogCapture()) {
            Generation<Resource> old = generation(1, "counting://a");
            assertTrue(old.tryEnter());
            old.resource().lent.set(1);
            drainer.retire("q", old, Duration.ofMillis(1));
            await().atMost(5, SECONDS).until(() -> old.resource().closed);
            assertTrue(log.contains("ATTACHED-105: q generation 1 at counting://a still had 2 unit(s) of work in use "
                    + "after drain-timeout 1ms; closed them"), log.text());
            old.close(); // the cut caller leaves late: nothing is closed twice
            assertEquals(0, drainer.draining());
        }
    }

    @Test
    void shutdownClosesWhatIsStillDraining() {
        Generation<Resource> old = generation(1, "counting://a");
        assertTrue(old.tryEnter());
        drainer.retire("q", old, LONG);
        drainer.close();
        assertTrue(old.resource().closed);
    }

    @Test
    void theGateHasAStripeForFourThreadsPerProcessorWithinBounds() {
        assertEquals(8, GenerationGate.stripes(1));
        assertEquals(8, GenerationGate.stripes(2));
        assertEquals(16, GenerationGate.stripes(3));
        assertEquals(16, GenerationGate.stripes(4));
        assertEquals(64, GenerationGate.stripes(16));
        assertEquals(64, GenerationGate.stripes(256));
    }

    @Test
    void aUnitEnteredOnOneThreadAndLeftOnAnotherIsCountedOnce() throws Exception {
        GenerationGate gate = new GenerationGate();
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] borrowers = new Thread[20]; // more threads than stripes: some share one
        for (int i = 0; i < borrowers.length; i++) {
            borrowers[i] = new Thread(gate::enter);
            borrowers[i].start();
        }
        for (Thread borrower : borrowers) {
            borrower.join();
        }
        assertEquals(20, gate.inside());
        gate.retire(released::incrementAndGet);
        assertFalse(gate.tryEnter());
        assertEquals(20, gate.inside(), "a caller turned away is not inside");
        for (int i = 19; i >= 0; i--) {
            gate.leave(); // all on this thread
            assertEquals(i, gate.inside());
        }
        assertEquals(21, released.get(), "every leaving after retirement, the turned-away caller's too");
    }

    /**
     * A caller that read generation 1, then paused (a GC, a throttled container) while 1 was replaced, drained and
     * closed, enters generation 2 instead: it never meets a closed resource, and no grace period is involved.
     */
    @Test
    void aCallerHeldBetweenResolvingAndEnteringMovesOnToTheCurrentGeneration() throws Exception {
        MutableConfigSource source = new MutableConfigSource(Map.of("attached.q.url", "counting://a"));
        HandleReader reader = new HandleReader(new SmallRyeConfigBuilder().withSources(source).build());
        try (BoundedCalls calls = new BoundedCalls("test-probe")) {
            ResourceSlot<String, Resource> slot = new ResourceSlot<>("q", kind,
                    new SlotServices(calls, drainer, new ReportedEvents()));
            slot.start(slot.check(reader.read("q", kind.keys())));
            Generation<Resource> resolved = slot.generation().orElseThrow(); // the caller reads, then pauses

            source.set("attached.q.url", "counting://b");
            assertEquals(2, slot.refresh(() -> reader.read("q", kind.keys())).generation());
            assertTrue(resolved.resource().closed, "nobody was inside generation 1, so it closed at once");

            try (Lease<Resource> lease = slot.enter(resolved)) { // the caller resumes
                assertSame(slot.generation().orElseThrow(), lease);
                assertEquals("counting://b", lease.resource().location);
                assertFalse(lease.resource().closed);
            }
        }
    }
}
