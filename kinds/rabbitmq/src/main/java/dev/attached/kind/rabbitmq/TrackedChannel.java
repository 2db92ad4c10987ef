package dev.attached.kind.rabbitmq;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import com.rabbitmq.client.AMQP.BasicProperties;
import com.rabbitmq.client.CancelCallback;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.ConsumerShutdownSignalCallback;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoverableChannel;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * A channel lent out by a generation: counted until it is closed, and, for consumers, aware of the deliveries not
 * yet acknowledged, so a retiring generation can stop its consumers without stranding a message.
 */
final class TrackedChannel implements InvocationHandler {

    private enum Drain {
        CONSUMING, CANCELLING, DONE
    }

    private final GenerationConnection generation;
    private final Channel delegate;
    private final Channel proxy;
    private final AtomicBoolean released = new AtomicBoolean();

    /** Consumer tag to queue, for the consumers registered through this channel and not yet cancelled. */
    private final Map<String, String> consumers = new ConcurrentHashMap<>();
    /** Delivery tags handed to the application with manual acknowledgement and not yet acked, nacked or rejected. */
    private final ConcurrentSkipListSet<Long> unacked = new ConcurrentSkipListSet<>();
    /** Deliveries being handled by a consumer right now. */
    private final AtomicInteger handling = new AtomicInteger();
    private volatile Drain drain = Drain.CONSUMING;

    TrackedChannel(GenerationConnection generation, Channel delegate) {
        this.generation = generation;
        this.delegate = delegate;
        Class<?> type = delegate instanceof RecoverableChannel ? RecoverableChannel.class : Channel.class;
        this.proxy = (Channel) Proxy.newProxyInstance(TrackedChannel.class.getClassLoader(), new Class<?>[]{type},
                this);
    }

    Channel proxy() {
        return proxy;
    }

    /** Releases the channel once it is closed for good: not when a recovering connection will reopen it. */
    void watch() {
        delegate.addShutdownListener(signal -> {
            boolean recovers = signal.isHardError() && !signal.isInitiatedByApplication()
                    && delegate instanceof Recoverable && !generation.isClosed()
                    && generation.settings().automaticRecovery();
            if (recovers) {
                unacked.clear(); // the broker requeues them; the recovered channel numbers deliveries anew
            } else {
                release();
            }
        });
        if (!delegate.isOpen()) {
            release();
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            consumers.clear();
            unacked.clear();
            generation.released(this);
        }
    }

    /** Whether the channel carries consumers (or is being drained of them): these are drained, not waited for. */
    boolean consuming() {
        return !consumers.isEmpty() || drain == Drain.CANCELLING;
    }

    /**
     * One step of draining a retiring generation, called when no channel of it but consumers' is open: cancel the
     * consumers once their queues are empty and every delivery is acknowledged, then close the channel once the
     * deliveries that came before the cancel are acknowledged too.
     */
    void drainStep() {
        if (released.get() || drain == Drain.DONE) {
            return;
        }
        if (drain == Drain.CONSUMING) {
            if (!settled()) {
                return;
            }
            for (String queue : Set.copyOf(consumers.values())) {
                if (generation.readyMessages(queue) > 0) {
                    return;
                }
            }
            drain = Drain.CANCELLING;
            for (String tag : Set.copyOf(consumers.keySet())) {
                try {
                    delegate.basicCancel(tag);
                } catch (IOException | ShutdownSignalException e) {
                    consumers.remove(tag);
                }
            }
            GenerationConnection.log(Level.INFO, "ATTACHED-RABBITMQ-001: resource '" + generation.resourceName()
                    + "': cancelled the consumers on channel " + delegate.getChannelNumber() + " of the replaced "
                    + "broker " + generation.location() + " once its queues were empty; consumers subscribed "
                    + "again after the swap go on receiving from the new one");
            return;
        }
        // CANCELLING: wait for every cancel-ok (it comes after the deliveries before it) and their acknowledgements
        if (!consumers.isEmpty() || !settled()) {
            return;
        }
        drain = Drain.DONE;
        try {
            delegate.close();
        } catch (IOException | java.util.concurrent.TimeoutException | ShutdownSignalException e) {
            // closed anyway
        }
        release();
    }

    private boolean settled() {
        return unacked.isEmpty() && handling.get() == 0;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals" :
                return self == args[0];
            case "hashCode" :
                return System.identityHashCode(self);
            case "toString" :
                return "Channel " + delegate.getChannelNumber() + " of RabbitMQ connection '"
                        + generation.resourceName() + "' to " + generation.location();
            case "getConnection" :
                return generation;
            case "close" :
            case "abort" :
                try {
                    return call(method, args);
                } finally {
                    release();
                }
            case "basicConsume" :
                return consume(method, args);
            case "basicCancel" : {
                Object result = call(method, args);
                consumers.remove((String) args[0]);
                return result;
            }
            case "basicAck" :
            case "basicNack" : {
                Object result = call(method, args);
                settle((Long) args[0], (Boolean) args[1]);
                return result;
            }
            case "basicReject" : {
                Object result = call(method, args);
                settle((Long) args[0], false);
                return result;
            }
            case "basicGet" : {
                GetResponse response = (GetResponse) call(method, args);
                if (response != null && !(Boolean) args[1]) {
                    unacked.add(response.getEnvelope().getDeliveryTag());
                }
                return response;
            }
            case "basicRecover" : {
                Object result = call(method, args);
                unacked.clear(); // redelivered under new tags
                return result;
            }
            default :
                return call(method, args);
        }
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void settle(long deliveryTag, boolean multiple) {
        if (multiple) {
            if (deliveryTag == 0) {
                unacked.clear();
            } else {
                unacked.headSet(deliveryTag, true).clear();
            }
        } else {
            unacked.remove(deliveryTag);
        }
    }

    /**
     * Every {@code basicConsume} overload, turned into the full one with a consumer that counts deliveries: the
     * client calls its own full overload internally, so only the application's call can be seen.
     */
    private Object consume(Method method, Object[] args) throws IOException {
        String queue = (String) args[0];
        boolean autoAck = false;
        boolean noLocal = false;
        boolean exclusive = false;
        int booleans = 0;
        String consumerTag = "";
        Map<String, Object> arguments = null;
        Consumer consumer = null;
        DeliverCallback deliver = null;
        CancelCallback cancel = null;
        ConsumerShutdownSignalCallback shutdown = null;
        Class<?>[] types = method.getParameterTypes();
        for (int i = 1; i < types.length; i++) {
            Object value = args[i];
            if (types[i] == boolean.class) {
                boolean flag = (Boolean) value;
                switch (booleans++) {
                    case 0 -> autoAck = flag;
                    case 1 -> noLocal = flag;
                    default -> exclusive = flag;
                }
            } else if (types[i] == String.class) {
                consumerTag = value == null ? "" : (String) value;
            } else if (types[i] == Map.class) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) value;
                arguments = map;
            } else if (types[i] == Consumer.class) {
                consumer = (Consumer) value;
            } else if (types[i] == DeliverCallback.class) {
                deliver = (DeliverCallback) value;
            } else if (types[i] == CancelCallback.class) {
                cancel = (CancelCallback) value;
            } else if (types[i] == ConsumerShutdownSignalCallback.class) {
                shutdown = (ConsumerShutdownSignalCallback) value;
            }
        }
        if (consumer == null) {
            consumer = new CallbackConsumer(deliver, cancel, shutdown);
        }
        String tag = delegate.basicConsume(queue, autoAck, consumerTag, noLocal, exclusive, arguments,
                new TrackingConsumer(consumer, autoAck));
        consumers.put(tag, queue);
        return tag;
    }

    /** The application's consumer, seen on its way in: deliveries to acknowledge, and the end of a subscription. */
    private final class TrackingConsumer implements Consumer {

        private final Consumer consumer;
        private final boolean autoAck;

        TrackingConsumer(Consumer consumer, boolean autoAck) {
            this.consumer = consumer;
            this.autoAck = autoAck;
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, BasicProperties properties, byte[] body)
                throws IOException {
            handling.incrementAndGet();
            try {
                if (!autoAck) {
                    unacked.add(envelope.getDeliveryTag());
                }
                consumer.handleDelivery(consumerTag, envelope, properties, body);
            } finally {
                handling.decrementAndGet();
            }
        }

        @Override
        public void handleConsumeOk(String consumerTag) {
            consumer.handleConsumeOk(consumerTag);
        }

        @Override
        public void handleCancelOk(String consumerTag) {
            try {
                consumer.handleCancelOk(consumerTag);
            } finally {
                consumers.remove(consumerTag);
            }
        }

        @Override
        public void handleCancel(String consumerTag) throws IOException {
            try {
                consumer.handleCancel(consumerTag);
            } finally {
                consumers.remove(consumerTag);
            }
        }

        @Override
        public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
            consumer.handleShutdownSignal(consumerTag, signal);
        }

        @Override
        public void handleRecoverOk(String consumerTag) {
            consumer.handleRecoverOk(consumerTag);
        }

        @Override
        public String toString() {
            return consumer.toString();
        }
    }

    /** The consumer the client builds from callbacks, built here so every subscription goes through one path. */
    private record CallbackConsumer(DeliverCallback deliver, CancelCallback cancel,
            ConsumerShutdownSignalCallback shutdown) implements Consumer {

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, BasicProperties properties, byte[] body)
                throws IOException {
            deliver.handle(consumerTag, new Delivery(envelope, properties, body));
        }

        @Override
        public void handleCancel(String consumerTag) throws IOException {
            if (cancel != null) {
                cancel.handle(consumerTag);
            }
        }

        @Override
        public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
            if (shutdown != null) {
                shutdown.handleShutdownSignal(consumerTag, signal);
            }
        }

        @Override
        public void handleConsumeOk(String consumerTag) {
        }

        @Override
        public void handleCancelOk(String consumerTag) {
        }

        @Override
        public void handleRecoverOk(String consumerTag) {
        }
    }
}
