package dev.attached.kind.rabbitmq;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.kind.rabbitmq.testing.OrderListener;
import dev.attached.kind.rabbitmq.testing.Orders;
import dev.attached.kind.rabbitmq.testing.QpidBroker;
import dev.attached.kind.rabbitmq.testing.SwapUnderLoad;
import dev.attached.kind.rabbitmq.testing.SwapUnderLoad.Figures;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.SilentServer;
import dev.attached.kind.testkit.SwapRecorder;
import dev.attached.kind.testkit.TestApp;
import dev.attached.kind.testkit.TestConfigSource;

/**
 * The kind inside the engine (Weld SE, SmallRye Config and Health): injection, readiness, swaps between two real
 * brokers under load with a consumer that must neither lose nor repeat a message, a failed swap, detach and attach.
 */
class RabbitMqEngineTest {

    static final String URL = "attached.events.url";
    static final String HEALTH_TIMEOUT = "attached.events.health.timeout";
    static final List<Class<?>> BEANS = List.of(Orders.class, OrderListener.class, SwapRecorder.class);

    private static QpidBroker first;
    private static QpidBroker second;

    @BeforeAll
    static void startBrokers() throws Exception {
        first = QpidBroker.start();
        second = QpidBroker.start();
    }

    @AfterAll
    static void stopBrokers() {
        first.close();
        second.close();
    }

    /** Provisions the queue on both brokers, as an operator provisions a broker before pointing an app at it. */
    @BeforeEach
    void provision() throws Exception {
        SwapUnderLoad.provision(first.url());
        SwapUnderLoad.provision(second.url());
    }

    @Test
    void injectedConnectionPublishesAndConsumes() throws Exception {
        try (TestApp app = TestApp.with(URL, first.url(), HEALTH_TIMEOUT, "5s").beans(BEANS).start()) {
            OrderListener listener = app.select(OrderListener.class);
            listener.subscribe();
            app.select(Orders.class).publish("hello");
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.processed().containsKey("hello"));
            String shown = app.select(Orders.class).connection().toString();
            assertFalse(shown.contains(Canary.PASSWORD), shown);
        }
    }

    @Test
    void readinessIsUpWithKindLocationAndGeneration() {
        try (TestApp app = TestApp.with(URL, first.url("/orders"), HEALTH_TIMEOUT, "5s").beans(BEANS).start()) {
            JsonObject check = app.check("events");
            assertEquals("UP", check.getString("status"), check.toString());
            JsonObject data = check.getJsonObject("data");
            assertEquals("rabbitmq", data.getString("kind"));
            assertEquals("amqp://127.0.0.1:" + first.port() + "/orders", data.getString("location"));
            assertEquals(1, data.getJsonNumber("generation").intValue());
            assertFalse(app.readiness().toString().contains(Canary.PASSWORD));
        }
    }

    @Test
    void aBrokerDownAtBootDelaysNothingAndReadinessTurnsUpOnceItAnswers() throws Exception {
        int port = Ports.free();
        long start = System.nanoTime();
        try (TestApp app = TestApp.with(URL, "amqp://app:" + Canary.PASSWORD + "@127.0.0.1:" + port + "/",
                HEALTH_TIMEOUT, "3s").beans(BEANS).start()) {
            long bootMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(bootMillis < 10_000, "boot took " + bootMillis + " ms");
            assertEquals("DOWN", app.check("events").getString("status"));
            try (QpidBroker late = QpidBroker.startOnPort(port)) {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                        .until(() -> app.check("events").getString("status").equals("UP"));
            }
        }
    }

    @Test
    void readinessOfASilentBrokerIsDownWithinTheTimeout() throws Exception {
        try (SilentServer silent = new SilentServer();
                TestApp app = TestApp.with(URL,
                        "amqp://app:" + Canary.PASSWORD + "@127.0.0.1:" + silent.port() + "/",
                        HEALTH_TIMEOUT, "800ms").beans(BEANS).start()) {
            long start = System.nanoTime();
            JsonObject check = app.check("events");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("DOWN", check.getString("status"), check.toString());
            assertTrue(millis < 2_000, "readiness took " + millis + " ms");
        }
    }

    /**
     * Eight publishers without pause, one consumer subscribed again on every swap; the resource is swapped from one
     * broker to the other and back. Every publish must succeed, and every confirmed message be processed exactly
     * once.
     */
    @Test
    void swapsUnderLoadLoseNoMessageAndRepeatNone() throws Exception {
        try (TestApp app = TestApp.with(URL, first.url(), "attached.events.drain-timeout", "20s",
                HEALTH_TIMEOUT, "5s").beans(BEANS).start()) {
            Figures figures = SwapUnderLoad.run(app, List.of(second.url(), first.url()),
                    List.of(first.url(), second.url()));
            System.out.println("RabbitMQ swap under load, Qpid to Qpid and back: " + figures);
            assertEquals(0, figures.failures());
        }
    }

    /**
     * A slow consumer with a backlog on the old broker at the moment of the swap: the old subscription goes on until
     * the old queue is empty, the new one takes what is published after the swap, and nothing is processed twice.
     */
    @Test
    void aBacklogOnTheOldBrokerIsConsumedBeforeItsConsumerIsCancelled() throws Exception {
        try (TestApp app = TestApp.with(URL, first.url(), "attached.events.drain-timeout", "20s",
                HEALTH_TIMEOUT, "5s").beans(BEANS).start()) {
            Orders orders = app.select(Orders.class);
            for (int i = 0; i < 300; i++) {
                orders.publish("backlog-" + i);
            }
            OrderListener listener = app.select(OrderListener.class);
            listener.slowDown(3);
            listener.subscribe();
            TestConfigSource.set(URL, second.url());
            assertEquals(2, app.resources().refresh("events").generation());
            assertTrue(SwapUnderLoad.queueDepth(first.url()) > 0, "the old broker still had a backlog at the swap");
            for (int i = 0; i < 100; i++) {
                orders.publish("new-" + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.processed().size() == 400);
            assertTrue(listener.processed().values().stream().allMatch(n -> n.get() == 1), "processed twice");
            assertTrue(listener.drained() > 100, "the old subscription drained " + listener.drained());
            await().atMost(Duration.ofSeconds(5)).until(() -> SwapUnderLoad.drainTimes(app.log().text()).size() == 1);
            assertEquals(0, SwapUnderLoad.queueDepth(first.url()) + SwapUnderLoad.queueDepth(second.url()));
        }
    }

    @Test
    void aBadHandleKeepsTheOldBrokerServing() throws Exception {
        try (SilentServer silent = new SilentServer();
                TestApp app = TestApp.with(URL, first.url(), HEALTH_TIMEOUT, "1s").beans(BEANS).start()) {
            Orders orders = app.select(Orders.class);
            orders.publish("before");
            TestConfigSource.set(URL, "amqp://app:" + Canary.PASSWORD + "@127.0.0.1:" + silent.port() + "/");
            ResourceStatus status = app.resources().refresh("events");
            assertEquals(1, status.generation());
            assertTrue(status.lastError().isPresent(), status.toString());
            assertFalse(status.lastError().get().contains(Canary.PASSWORD));
            assertEquals(1, app.select(SwapRecorder.class).failed().size());
            orders.publish("after");

            TestConfigSource.set(URL, "amqp://app:wrong-" + Canary.PASSWORD + "@127.0.0.1:" + second.port() + "/");
            status = app.resources().refresh("events");
            assertEquals(1, status.generation());
            assertTrue(status.lastError().isPresent());
            assertFalse(status.lastError().get().contains("wrong-"), status.lastError().get());
            orders.publish("still");
            assertEquals("UP", app.check("events").getString("status"));
        }
    }

    @Test
    void removingTheUrlDetachesAndSettingItAttachesAgain() throws Exception {
        try (TestApp app = TestApp.with(URL, first.url(), HEALTH_TIMEOUT, "5s").beans(BEANS).start()) {
            OrderListener listener = app.select(OrderListener.class);
            listener.subscribe();
            Orders orders = app.select(Orders.class);
            orders.publish("attached");

            TestConfigSource.remove(URL);
            ResourceStatus status = app.resources().refresh("events");
            assertEquals(ResourceState.DETACHED, status.state());
            long start = System.nanoTime();
            AlreadyClosedException e = assertThrows(AlreadyClosedException.class, () -> orders.publish("detached"));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 100, "a detached call must fail at once");
            assertInstanceOf(ResourceDetachedException.class, e);
            assertTrue(e.getMessage().contains("'events'"), e.getMessage());
            assertTrue(e.getMessage().contains("attached.events.url"), e.getMessage());
            assertFalse(orders.connection().isOpen());
            assertEquals("DOWN", app.check("events").getString("status"));

            TestConfigSource.set(URL, second.url());
            status = app.resources().refresh("events");
            assertEquals(ResourceState.ATTACHED, status.state());
            assertNotEquals(1, status.generation());
            orders.publish("again");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> listener.processed().keySet().containsAll(Set.of("attached", "again")));
            assertEquals("UP", app.check("events").getString("status"));
        }
    }

    @Test
    void aChannelOpenedBeforeASwapKeepsWorkingUntilItIsClosed() throws Exception {
        try (TestApp app = TestApp.with(URL, first.url(), HEALTH_TIMEOUT, "5s").beans(BEANS).start()) {
            Connection events = app.select(Orders.class).connection();
            Channel old = events.createChannel();
            TestConfigSource.set(URL, second.url());
            assertEquals(2, app.resources().refresh("events").generation());
            old.basicPublish("", Orders.QUEUE, null, "late".getBytes());
            old.queueDeclarePassive(Orders.QUEUE);
            assertEquals(1, queueDepthEventually(first, 1));
            assertFalse(SwapUnderLoad.drainTimes(app.log().text()).stream().findAny().isPresent(),
                    "the old generation must stay open while its channel is");
            old.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> SwapUnderLoad.drainTimes(app.log().text()).size() == 1);
            try (Channel fresh = events.createChannel()) {
                assertEquals(second.port(), fresh.getConnection().getPort());
            }
        }
    }

    private static long queueDepthEventually(QpidBroker broker, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        long depth;
        do {
            depth = SwapUnderLoad.queueDepth(broker.url());
        } while (depth != expected && System.currentTimeMillis() < deadline);
        return depth;
    }
}
