package dev.attached.impl.health;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfigBuilder;

import dev.attached.impl.TestQueueKind;
import dev.attached.impl.runtime.ResourceRegistry;
import dev.attached.impl.testing.MutableConfigSource;

/** Probe sharing and abandonment, on a clock the test moves: which probes run is decided by time, not by waiting. */
class ReadinessProbesTest {

    private static final long TIMEOUT = TimeUnit.MILLISECONDS.toNanos(100);

    private final AtomicLong now = new AtomicLong();
    private ResourceRegistry registry;
    private ReadinessProbes probes;

    @BeforeEach
    void start() {
        TestQueueKind.reset();
        TestQueueKind.hangProbes = new CountDownLatch(1);
        registry = new ResourceRegistry(Map.of("queue", new TestQueueKind()));
        registry.start(new SmallRyeConfigBuilder().withSources(new MutableConfigSource(Map.of(
                "attached.queue.url", "queue://hang", "attached.queue.health.timeout", "100ms"))).build(),
                event -> {
                });
        probes = new ReadinessProbes(registry, now::get);
    }

    @AfterEach
    void stop() {
        TestQueueKind.reset();
        registry.close();
    }

    @Test
    void aHungProbeIsSharedWithinItsWindowThenAbandonedUpToTheBound() {
        assertEquals("no answer within 100ms", probes.check("queue").error().orElseThrow());
        await().atMost(5, SECONDS).until(() -> TestQueueKind.HUNG.get() == 1);

        now.addAndGet(TIMEOUT); // the rest of the request that saw it time out: shared, nothing new started
        assertFalse(probes.check("queue").up());
        assertEquals(1, TestQueueKind.HUNG.get());

        for (int abandoned = 1; abandoned < ReadinessProbes.MAX_ABANDONED; abandoned++) {
            now.addAndGet(2 * TIMEOUT); // past the window after its timeout: abandoned, a fresh probe starts
            assertEquals(abandoned, probes.check("queue").data().get("probe.abandoned"));
            int running = abandoned + 1;
            await().atMost(5, SECONDS).until(() -> TestQueueKind.HUNG.get() == running);
        }

        now.addAndGet(2 * TIMEOUT); // one more abandoned reaches the bound: no new probe, now or later
        for (int i = 0; i < 3; i++) {
            ProbeOutcome bounded = probes.check("queue");
            assertTrue(bounded.error().orElseThrow().startsWith("ATTACHED-113: 3 probe(s) of queue"),
                    bounded.toString());
            now.addAndGet(2 * TIMEOUT);
        }
        assertEquals(ReadinessProbes.MAX_ABANDONED, TestQueueKind.HUNG.get());

        TestQueueKind.hangProbes.countDown(); // the service answers: the stuck probes return and are counted off
        await().atMost(5, SECONDS).until(() -> TestQueueKind.HUNG.get() == 0);
        now.addAndGet(2 * TIMEOUT);
        ProbeOutcome recovered = probes.check("queue");
        assertTrue(recovered.up(), recovered.toString());
        assertFalse(recovered.data().containsKey("probe.abandoned"));
    }
}
