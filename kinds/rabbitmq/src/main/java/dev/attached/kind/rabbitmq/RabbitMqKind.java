package dev.attached.kind.rabbitmq;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.rabbitmq.client.Connection;

import dev.attached.ResourceHandle;
import dev.attached.spi.ResourceKind;

/**
 * RabbitMQ (AMQP 0-9-1) as an attached resource: injects a {@code com.rabbitmq.client.Connection} for
 * {@code amqp://user:pass@host:5672/vhost} and {@code amqps://...} URLs, as a provider's {@code CLOUDAMQP_URL} or
 * {@code RABBITMQ_URL} gives them:
 *
 * <pre>
 * &#64;Inject &#64;AttachedResource("events") Connection events;
 *
 * try (Channel channel = events.createChannel()) {
 *     channel.basicPublish("", "orders", null, body);
 * }
 * </pre>
 *
 * <p>
 * A generation connects on its first use or probe, never at start-up, so a broker that is down at boot delays
 * nothing. Its channels are counted: after a swap, a channel opened on the old broker keeps working until it is
 * closed (or {@code drain-timeout}), and consumers on the old broker are drained and then cancelled; subscribe again
 * in an observer of {@code ResourceSwapped} to go on receiving from the new one (see the README).
 */
public final class RabbitMqKind implements ResourceKind<RabbitSettings, Connection> {

    @Override
    public String name() {
        return "rabbitmq";
    }

    @Override
    public Class<Connection> type() {
        return Connection.class;
    }

    @Override
    public Set<String> keys() {
        return RabbitSettings.KEYS;
    }

    @Override
    public RabbitSettings configure(ResourceHandle handle, List<String> problems) {
        return RabbitSettings.read(handle, problems);
    }

    /** Builds the connection factory and nothing else: the connection is made on first use or probe. */
    @Override
    public Connection open(RabbitSettings settings) throws Exception {
        return new GenerationConnection(settings);
    }

    /** Connects if not yet connected, then opens and closes a channel, all within {@code timeout}. */
    @Override
    public Map<String, Object> probe(Connection resource, Duration timeout) throws Exception {
        return ((GenerationConnection) resource).probe(timeout);
    }

    /** The channels opened through the generation and not yet closed (and those being opened). */
    @Override
    public int inUse(Connection resource) {
        return ((GenerationConnection) resource).inUse();
    }

    @Override
    public void retiring(Connection resource, Runnable released) {
        ((GenerationConnection) resource).retiring(released);
    }

    @Override
    public void close(Connection resource) {
        ((GenerationConnection) resource).shutdown();
    }

    @Override
    public Connection detached(String message) {
        return new DetachedConnection(message);
    }
}
