package dev.attached.kind.rabbitmq.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.kind.testkit.Load;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;

/**
 * Eight publishers without pause and one consumer subscribed again on every swap, while resource "events" is swapped
 * to each URL in turn. Asserts that every publish succeeded, every confirmed message was processed exactly once, no
 * message was left on any broker, and every replaced generation drained; returns the figures.
 */
public final class SwapUnderLoad {

    public static final String URL = "attached.events.url";
    private static final Pattern DRAINED = Pattern.compile("events generation (\\d+) at \\S+ drained in (\\d+) ms");

    /** What one run measured. */
    public record Figures(long operations, int failures, int confirmed, int processed, int fromOldBroker,
            List<Long> swapMillis, List<Long> drainMillis) {

        @Override
        public String toString() {
            return operations + " operations, " + failures + " failures, " + confirmed + " confirmed, " + processed
                    + " processed exactly once (" + fromOldBroker + " of them by an old subscription after its swap), "
                    + "swaps took " + swapMillis + " ms, old generations drained in " + drainMillis + " ms";
        }
    }

    private SwapUnderLoad() {
    }

    /**
     * @param app an application started on the first broker, whose queue exists on every broker
     * @param targets the URLs to swap to, one after another
     * @param allUrls every URL the run touches, to check that no message is left behind
     */
    public static Figures run(TestApp app, List<String> targets, List<String> allUrls) throws Exception {
        OrderListener listener = app.select(OrderListener.class);
        listener.subscribe();
        Orders orders = app.select(Orders.class);
        long generation = app.resources().status("events").generation();
        List<Long> swapMillis = new ArrayList<>();
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        AtomicLong sequence = new AtomicLong();
        Load load = new Load("publish", 8, thread -> {
            String id = "m" + sequence.incrementAndGet();
            orders.publish(id);
            confirmed.add(id);
        });
        try {
            load.awaitCalls(1000);
            for (String target : targets) {
                long start = System.nanoTime();
                TestConfigSource.set(URL, target);
                ResourceStatus status = app.resources().refresh("events");
                swapMillis.add((System.nanoTime() - start) / 1_000_000);
                assertEquals(ResourceState.ATTACHED, status.state());
                assertEquals(++generation, status.generation(), String.valueOf(status.lastError()));
                load.awaitCalls(1000);
            }
        } finally {
            load.close();
        }
        assertEquals(List.of(), load.failures().stream().map(String::valueOf).collect(Collectors.toList()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> listener.processed().keySet().containsAll(confirmed));
        Map<String, AtomicInteger> processed = listener.processed();
        List<String> twice = processed.entrySet().stream().filter(e -> e.getValue().get() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toList());
        assertEquals(List.of(), twice, "messages processed more than once");
        assertEquals(List.of(), listener.failures());
        assertEquals(targets.size(), listener.swaps().size());

        // every replaced generation drained: its publishers' channels closed, its consumers cancelled once empty
        await().atMost(Duration.ofSeconds(25)).until(() -> drainTimes(app.log().text()).size() == targets.size());
        assertTrue(app.log().contains("ATTACHED-RABBITMQ-001"), "the old consumers were cancelled");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            long left = 0;
            for (String url : allUrls) {
                left += queueDepth(url);
            }
            return left == 0;
        });
        return new Figures(load.calls() + load.failures().size(), load.failures().size(), confirmed.size(),
                processed.size(), listener.drained(), swapMillis, drainTimes(app.log().text()));
    }

    /** The drain times the engine logged for resource "events", in order. */
    public static List<Long> drainTimes(String log) {
        List<Long> times = new ArrayList<>();
        Matcher m = DRAINED.matcher(log);
        while (m.find()) {
            times.add(Long.parseLong(m.group(2)));
        }
        return times;
    }

    /** Ready messages in the orders queue of the broker at {@code url}. */
    public static long queueDepth(String url) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(url);
        try (Connection c = factory.newConnection(); Channel channel = c.createChannel()) {
            return channel.messageCount(Orders.QUEUE);
        }
    }

    /** Declares the orders queue on the broker at {@code url}, empty. */
    public static void provision(String url) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(url);
        try (Connection c = factory.newConnection(); Channel channel = c.createChannel()) {
            channel.queueDeclare(Orders.QUEUE, true, false, false, null);
            channel.queuePurge(Orders.QUEUE);
        }
    }
}
