package dev.attached.kind.rabbitmq.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import dev.attached.AttachedResource;
import dev.attached.ResourceSwapped;

/**
 * A consumer as the README shows it: it subscribes once, and again whenever the resource is swapped (or attached
 * again), on the injected connection, which by then reaches the new broker. The old subscription is left to
 * Attached, which drains it. Manual acknowledgements; every processed message id is tallied.
 */
@ApplicationScoped
public class OrderListener {

    @Inject
    @AttachedResource("events")
    Connection events;

    private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<ResourceSwapped> swaps = new CopyOnWriteArrayList<>();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger drained = new AtomicInteger();
    private volatile int delayMillis;

    public void subscribe() throws IOException {
        int subscription = subscriptions.incrementAndGet();
        Channel channel = events.createChannel();
        channel.basicQos(50);
        channel.queueDeclare(Orders.QUEUE, true, false, false, null);
        channel.basicConsume(Orders.QUEUE, false, (tag, delivery) -> {
            pause();
            processed.computeIfAbsent(delivery.getProperties().getMessageId(), id -> new AtomicInteger())
                    .incrementAndGet();
            if (subscription < subscriptions.get()) {
                drained.incrementAndGet(); // delivered by an old broker after the swap
            }
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }, tag -> {
        });
    }

    /** Makes every delivery take this long to process, so a backlog builds up. */
    public void slowDown(int millis) {
        delayMillis = millis;
    }

    private void pause() {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void swapped(@Observes @AttachedResource("events") ResourceSwapped event) {
        swaps.add(event);
        try {
            subscribe();
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
    }

    public Map<String, AtomicInteger> processed() {
        return processed;
    }

    public List<Throwable> failures() {
        return failures;
    }

    /** Messages an old subscription processed after a newer one was made: what draining the old broker saved. */
    public int drained() {
        return drained.get();
    }

    public List<ResourceSwapped> swaps() {
        return swaps;
    }
}
