package dev.attached.kind.rabbitmq;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.PossibleAuthenticationFailureException;

import dev.attached.kind.rabbitmq.testing.QpidBroker;
import dev.attached.kind.testkit.Canary;
import dev.attached.kind.testkit.LogCapture;
import dev.attached.kind.testkit.Ports;
import dev.attached.kind.testkit.SilentServer;
import dev.attached.kind.testkit.TestHandle;
import dev.attached.spi.ResourceKind;

/**
 * The kind called directly, as the engine calls it, against a real AMQP 0-9-1 broker (Qpid Broker-J in this JVM).
 * Every test also checks that the canary password reached no log line, message or {@code toString()}.
 */
class RabbitMqKindTest {

    /** For probes that must pass: generous, so a cold JVM on a busy machine does not fail them. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** For probes that must fail, and fail within it. */
    private static final Duration DOWN_TIMEOUT = Duration.ofMillis(1500);

    private static QpidBroker broker;

    private final RabbitMqKind kind = new RabbitMqKind();
    private final List<Connection> opened = new ArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private LogCapture log;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = QpidBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void captureLog() {
        log = new LogCapture();
    }

    @AfterEach
    void closeAndCheckSecrets() {
        for (Connection c : opened) {
            kind.close(c);
            seen.add(c.toString());
        }
        log.close();
        for (String text : seen) {
            assertFalse(text.contains(Canary.PASSWORD), text);
        }
        assertFalse(log.contains(Canary.PASSWORD), log.text());
    }

    private Connection open(String url, String... keys) throws Exception {
        List<String> problems = new ArrayList<>();
        RabbitSettings settings = kind.configure(TestHandle.of("events", url, keys), problems);
        assertEquals(List.of(), problems);
        Connection c = kind.open(settings);
        opened.add(c);
        return c;
    }

    /** Runs a probe that must fail, checks it failed within the timeout, and returns its failure. */
    private Exception probeDown(Connection c, Duration timeout) {
        long start = System.nanoTime();
        Exception e = assertThrows(Exception.class, () -> kind.probe(c, timeout));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < timeout.toMillis() + 500, "the probe took " + millis + " ms");
        seen.add(String.valueOf(e));
        seen.add(String.valueOf(e.getCause()));
        return e;
    }

    @Test
    void isFoundByServiceLoaderAndInjectsConnection() {
        ResourceKind<?, ?> found = ServiceLoader.load(ResourceKind.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(k -> k.name().equals("rabbitmq"))
                .findFirst()
                .orElseThrow();
        assertEquals(Connection.class, found.type());
        assertEquals(java.util.Set.of(Connection.class), found.types());
        assertTrue(found.keys().contains("connect-timeout"));
    }

    @Test
    void openDoesNotConnect() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            long start = System.nanoTime();
            Connection c = open("amqp://app:" + Canary.PASSWORD + "@127.0.0.1:" + silent.port() + "/");
            assertTrue((System.nanoTime() - start) / 1_000_000 < 500);
            Thread.sleep(100);
            assertEquals(0, silent.accepted(), "open connected to the server");
            assertFalse(c.isOpen());
            assertEquals(0, kind.inUse(c));
        }
    }

    @Test
    void probeIsUpAndReportsTheServer() throws Exception {
        Connection c = open(broker.url("/default"));
        Map<String, Object> data = kind.probe(c, TIMEOUT);
        assertEquals("Apache Qpid Broker-J Core 9.2.1", data.get("server"));
        assertEquals("default", data.get("virtual-host"));
        assertEquals(0, data.get("channels"));
        assertTrue(c.isOpen());
        assertEquals(0, kind.inUse(c), "the probe's channel is not counted");
    }

    @Test
    void channelsAreCountedUntilClosed() throws Exception {
        Connection c = open(broker.url());
        Channel first = c.createChannel();
        Channel second = c.createChannel();
        assertEquals(2, kind.inUse(c));
        first.close();
        assertEquals(1, kind.inUse(c));
        second.abort();
        assertEquals(0, kind.inUse(c));
        seen.add(first.toString());
    }

    @Test
    void aChannelClosedByTheBrokerIsReleased() throws Exception {
        Connection c = open(broker.url());
        Channel channel = c.createChannel();
        assertThrows(IOException.class, () -> channel.queueDeclarePassive("no-such-queue"));
        await().atMost(Duration.ofSeconds(5)).until(() -> kind.inUse(c) == 0);
    }

    @Test
    void theConnectionBelongsToAttached() throws Exception {
        Connection c = open(broker.url());
        Channel channel = c.createChannel();
        assertSame(c, channel.getConnection(), "a channel must not hand out the raw connection");
        c.close();
        c.abort();
        assertTrue(c.isOpen(), "an application's close() must not close the shared connection");
        channel.queueDeclare("still-open", false, false, true, null);
        channel.close();
    }

    @Test
    void probeIsDownWhileNoServerListensAndUpOnceOneDoes() throws Exception {
        int port = Ports.free();
        Connection c = open("amqp://app:" + Canary.PASSWORD + "@127.0.0.1:" + port + "/");
        Exception down = probeDown(c, DOWN_TIMEOUT);
        assertInstanceOf(ConnectException.class, down);
        IOException call = assertThrows(IOException.class, c::createChannel);
        seen.add(call.toString());
        assertEquals(0, kind.inUse(c));

        try (QpidBroker late = QpidBroker.startOnPort(port)) {
            assertNotNull(kind.probe(c, TIMEOUT));
            Channel channel = c.createChannel();
            channel.close();
        }
    }

    @Test
    void probeIsDownWhenTheBrokerStopsAndUpWhenItIsBack() throws Exception {
        try (QpidBroker own = QpidBroker.start()) {
            Connection c = open(own.url(), "recovery-interval", "200ms");
            kind.probe(c, TIMEOUT);
            own.stop();
            Exception down = probeDown(c, DOWN_TIMEOUT);
            assertInstanceOf(AlreadyClosedException.class, down);
            own.startAgain();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> kind.probe(c, TIMEOUT) != null);
        }
    }

    @Test
    void probeOfASilentServerIsDownWithinTheTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Connection c = open("amqp://app:" + Canary.PASSWORD + "@127.0.0.1:" + silent.port() + "/");
            Duration timeout = Duration.ofMillis(700);
            Exception down = probeDown(c, timeout);
            assertTrue(String.valueOf(down.getMessage()).contains("700ms") || down instanceof IOException,
                    String.valueOf(down));
            // a second probe joins the first one's attempt instead of starting another, and is bounded too
            probeDown(c, timeout);
        }
    }

    @Test
    void wrongPasswordIsDownWithTheClientsReason() throws Exception {
        Connection c = open("amqp://app:not-the-" + Canary.PASSWORD + "@127.0.0.1:" + broker.port() + "/");
        Exception down = probeDown(c, DOWN_TIMEOUT);
        assertInstanceOf(PossibleAuthenticationFailureException.class, down, String.valueOf(down));
        assertFalse(down.getMessage().contains("not-the-"), down.getMessage());
    }

    @Test
    void unknownVirtualHostIsDown() throws Exception {
        Connection c = open(broker.url("/no-such-vhost"));
        Exception down = probeDown(c, DOWN_TIMEOUT);
        assertTrue(down instanceof IOException || down instanceof AlreadyClosedException, String.valueOf(down));
    }

    @Test
    void amqpsConnectsOverTlsAndVerifiesTheCertificateUnlessToldNotTo() throws Exception {
        try (QpidBroker tls = QpidBroker.startWithTls()) {
            String url = "amqps://app:" + Canary.PASSWORD + "@127.0.0.1:" + tls.tlsPort() + "/";
            Connection trusting = open(url, "tls.verify", "false");
            assertEquals("Apache Qpid Broker-J Core 9.2.1", kind.probe(trusting, TIMEOUT).get("server"));
            trusting.createChannel().close();

            Connection verifying = open(url);
            Exception down = probeDown(verifying, DOWN_TIMEOUT);
            assertInstanceOf(javax.net.ssl.SSLHandshakeException.class, down, String.valueOf(down));
        }
    }

    @Test
    void aRetiringGenerationReportsEveryReleasedChannel() throws Exception {
        Connection c = open(broker.url());
        Channel channel = c.createChannel();
        AtomicInteger released = new AtomicInteger();
        kind.retiring(c, released::incrementAndGet);
        int before = released.get();
        assertEquals(1, kind.inUse(c));
        channel.basicPublish("", "nowhere", null, new byte[0]);
        channel.close();
        assertEquals(0, kind.inUse(c));
        assertTrue(released.get() > before);
    }

    @Test
    void closeCutsOpenChannels() throws Exception {
        Connection c = open(broker.url());
        Channel channel = c.createChannel();
        kind.close(c);
        assertEquals(0, kind.inUse(c));
        assertFalse(channel.isOpen());
        AlreadyClosedException after = assertThrows(AlreadyClosedException.class, c::createChannel);
        assertEquals("the RabbitMQ connection of 'events' to amqp://127.0.0.1:" + broker.port() + "/%2F is closed: "
                + "it was replaced, or the application stopped", after.getMessage());
        seen.add(after.toString());
    }

    @Test
    void aRetiringConsumerGoesOnUntilItsQueueIsDrainedThenIsCancelled() throws Exception {
        Connection c = open(broker.url());
        try (Channel setup = c.createChannel()) {
            setup.queueDeclare("drain", false, false, false, null);
        }
        List<String> received = new CopyOnWriteArrayList<>();
        Channel consumer = c.createChannel();
        consumer.basicQos(5);
        consumer.basicConsume("drain", false, (tag, delivery) -> {
            received.add(new String(delivery.getBody()));
            consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }, tag -> {
        });
        Channel publisher = c.createChannel();
        publisher.confirmSelect();
        AtomicInteger released = new AtomicInteger();
        kind.retiring(c, released::incrementAndGet);

        // the publisher's channel was opened before the swap: it keeps working, and the consumer keeps receiving
        for (int i = 0; i < 200; i++) {
            publisher.basicPublish("", "drain", true, MessageProperties.PERSISTENT_BASIC, ("m" + i).getBytes());
        }
        publisher.waitForConfirmsOrDie(5000);
        Thread.sleep(200);
        assertEquals(2, kind.inUse(c), "the consumer is drained only once no other channel is open");
        assertTrue(consumer.isOpen());
        publisher.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> kind.inUse(c) == 0);
        assertFalse(consumer.isOpen(), "the drained consumer's channel is closed");
        assertEquals(200, received.size());
        assertEquals(200, received.stream().distinct().count());
        assertTrue(log.contains("ATTACHED-RABBITMQ-001"), log.text());
    }

    @Test
    void detachedConnectionFailsEveryCallWithTheClientsException() {
        String message = "ATTACHED-040: resource 'events' is detached: set attached.events.url";
        Connection detached = kind.detached(message);
        assertFalse(detached.isOpen());
        AlreadyClosedException e = assertThrows(AlreadyClosedException.class, detached::createChannel);
        assertEquals(message, e.getMessage());
        assertInstanceOf(ResourceDetachedException.class, e);
        assertThrows(AlreadyClosedException.class, detached::getServerProperties);
        assertThrows(AlreadyClosedException.class, detached::openChannel);
        assertEquals(message, detached.getCloseReason().getMessage());
    }
}
