package dev.attached.kind.rabbitmq.testing;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import dev.attached.AttachedResource;

/**
 * Publishes order events through the injected connection, one channel per unit of work (as one borrows a JDBC
 * connection per transaction): publisher confirms, and {@code mandatory} so an unroutable message is a failure.
 */
@ApplicationScoped
public class Orders {

    public static final String QUEUE = "orders";

    @Inject
    @AttachedResource("events")
    Connection events;

    /** Publishes one message and returns once the broker confirmed it. */
    public void publish(String id) throws IOException, InterruptedException, TimeoutException {
        try (Channel channel = events.createChannel()) {
            channel.confirmSelect();
            AtomicBoolean returned = new AtomicBoolean();
            channel.addReturnListener(r -> returned.set(true));
            channel.basicPublish("", QUEUE, true,
                    new AMQP.BasicProperties.Builder().messageId(id).deliveryMode(2).build(), id.getBytes());
            channel.waitForConfirmsOrDie(10_000);
            if (returned.get()) {
                throw new IOException("message " + id + " was returned as unroutable");
            }
        }
    }

    /** The injected reference itself, for tests that call it directly. */
    public Connection connection() {
        return events;
    }
}
