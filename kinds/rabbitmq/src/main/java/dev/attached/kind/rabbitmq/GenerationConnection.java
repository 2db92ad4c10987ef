package dev.attached.kind.rabbitmq;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BlockedCallback;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ExceptionHandler;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.UnblockedCallback;

/**
 * One generation of a RabbitMQ resource: a {@link Connection} that connects on first use (or first probe), so a
 * broker that is down at boot delays nothing, and that counts the channels it lends out.
 *
 * <p>
 * The connection belongs to Attached: {@link #close()} and {@link #abort()} called by the application do nothing
 * (the generation is closed when it is replaced or the application stops). Channels are the application's: each one
 * is counted until it is closed, so a replaced generation stays open while a channel opened on it is in use.
 */
final class GenerationConnection implements Connection {

    private static final Logger LOG = Logger.getLogger(GenerationConnection.class.getName());
    private static final long DRAIN_POLL_MILLIS = 50;

    private final RabbitSettings settings;
    private final ConnectionFactory factory;
    private final String connectionName;

    private final Object connectLock = new Object();
    private volatile Connection delegate;
    private volatile long attempts;
    private IOException lastFailure;
    private volatile boolean closed;

    private final Set<TrackedChannel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opening = new AtomicInteger();
    private final List<ShutdownListener> shutdownListeners = new CopyOnWriteArrayList<>();
    private final List<BlockedListener> blockedListeners = new CopyOnWriteArrayList<>();
    private volatile String id;

    private volatile Runnable released;
    private volatile ScheduledFuture<?> drain;
    private final Object inspectorLock = new Object();
    private Channel inspector;

    private final AtomicReference<Future<Map<String, Object>>> runningProbe = new AtomicReference<>();

    GenerationConnection(RabbitSettings settings) throws NoSuchAlgorithmException {
        this.settings = settings;
        this.connectionName = "attached:" + settings.name();
        this.factory = factory(settings);
    }

    /** Credentials are set apart from the address: no URI with userinfo is ever handed to the client. */
    private static ConnectionFactory factory(RabbitSettings settings) throws NoSuchAlgorithmException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.host());
        factory.setPort(settings.port());
        factory.setVirtualHost(settings.virtualHost());
        factory.setUsername(settings.username());
        factory.setPassword(settings.password());
        factory.setConnectionTimeout(millis(settings.connectTimeout()));
        factory.setHandshakeTimeout(millis(settings.handshakeTimeout()));
        factory.setRequestedHeartbeat((int) settings.heartbeat().toSeconds());
        factory.setRequestedChannelMax(settings.channelMax());
        settings.rpcTimeout().ifPresent(t -> factory.setChannelRpcTimeout(millis(t)));
        factory.setAutomaticRecoveryEnabled(settings.automaticRecovery());
        factory.setTopologyRecoveryEnabled(settings.automaticRecovery());
        factory.setNetworkRecoveryInterval(settings.recoveryInterval().toMillis());
        factory.setThreadFactory(Workers.daemons("attached-rabbitmq-" + settings.name()));
        if (settings.tls()) {
            if (settings.verifyTls()) {
                // the JVM's trust store, and the host name checked against the certificate
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            } else {
                try {
                    factory.useTlsWithNoVerification(); // the client logs its own security warning
                } catch (KeyManagementException e) {
                    throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
                }
            }
        }
        return factory;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    RabbitSettings settings() {
        return settings;
    }

    /** The broker connection, made on first use; one attempt at a time, and callers that waited share its failure. */
    Connection connection() throws IOException {
        return connection(settings.connectTimeout(), settings.handshakeTimeout());
    }

    private Connection connection(Duration connectTimeout, Duration handshakeTimeout) throws IOException {
        Connection c = delegate;
        if (c != null) {
            return c;
        }
        long seen = attempts;
        synchronized (connectLock) {
            c = delegate;
            if (c != null) {
                return c;
            }
            if (closed) {
                throw closedSignal();
            }
            if (attempts != seen && lastFailure != null) {
                throw new IOException(lastFailure.getMessage(), lastFailure);
            }
            attempts++;
            ConnectionFactory attempt = factory;
            if (!connectTimeout.equals(settings.connectTimeout())
                    || !handshakeTimeout.equals(settings.handshakeTimeout())) {
                attempt = factory.clone();
                attempt.setConnectionTimeout(millis(connectTimeout));
                attempt.setHandshakeTimeout(millis(handshakeTimeout));
            }
            try {
                c = attempt.newConnection(connectionName);
            } catch (IOException e) {
                lastFailure = e;
                throw e;
            } catch (TimeoutException e) {
                lastFailure = new IOException("the broker at " + settings.location()
                        + " did not complete the AMQP handshake within " + format(handshakeTimeout), e);
                throw lastFailure;
            }
            lastFailure = null;
            if (closed) {
                c.abort(1000);
                throw closedSignal();
            }
            if (id != null) {
                c.setId(id);
            }
            shutdownListeners.forEach(c::addShutdownListener);
            blockedListeners.forEach(c::addBlockedListener);
            Connection connected = c;
            if (!settings.automaticRecovery()) {
                // a connection that will not recover is dropped, so the next call connects anew
                c.addShutdownListener(signal -> {
                    synchronized (connectLock) {
                        if (delegate == connected) {
                            delegate = null;
                        }
                    }
                });
            }
            delegate = c;
            return c;
        }
    }

    private AlreadyClosedException closedSignal() {
        return new NoConnectionException("the RabbitMQ connection of '" + settings.name() + "' to "
                + settings.location() + " is closed: it was replaced, or the application stopped", true, null);
    }

    private Connection connectedOrFail() {
        try {
            return connection();
        } catch (IOException e) {
            throw new NoConnectionException("no RabbitMQ connection of '" + settings.name() + "' to "
                    + settings.location() + ": " + e, false, e);
        }
    }

    // ---- channels: what a generation lends out

    @Override
    public Channel createChannel() throws IOException {
        opening.incrementAndGet();
        try {
            return track(connection().createChannel());
        } finally {
            afterOpening();
        }
    }

    @Override
    public Channel createChannel(int channelNumber) throws IOException {
        opening.incrementAndGet();
        try {
            return track(connection().createChannel(channelNumber));
        } finally {
            afterOpening();
        }
    }

    private Channel track(Channel channel) {
        if (channel == null) {
            return null; // channel-max reached, as the client reports it
        }
        TrackedChannel tracked = new TrackedChannel(this, channel);
        channels.add(tracked);
        tracked.watch();
        return tracked.proxy();
    }

    private void afterOpening() {
        if (opening.decrementAndGet() == 0) {
            signalReleased();
        }
    }

    /** A channel was closed, by the application, the broker or the generation's end. */
    void released(TrackedChannel channel) {
        if (channels.remove(channel)) {
            signalReleased();
        }
    }

    private void signalReleased() {
        Runnable callback = released;
        if (callback != null) {
            callback.run();
        }
    }

    /** Channels lent out and not yet closed, and channels being opened. */
    int inUse() {
        return channels.size() + opening.get();
    }

    // ---- probe

    /**
     * Connects if need be, then opens and closes a channel, all within {@code timeout}. A probe still waiting on the
     * client (whose own timeouts end it) is joined rather than started again, so a hung broker ties up one thread.
     */
    Map<String, Object> probe(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<String> step = new AtomicReference<>("connecting");
        Future<Map<String, Object>> probe = runningProbe.get();
        if (probe == null || probe.isDone()) {
            Duration connectTimeout = min(settings.connectTimeout(), timeout);
            Duration handshakeTimeout = min(settings.handshakeTimeout(), timeout);
            probe = Workers.PROBES.submit(() -> {
                Connection c = connection(connectTimeout, handshakeTimeout);
                step.set("opening a channel");
                Channel channel = c.createChannel();
                if (channel == null) {
                    throw new IOException("the broker refused a channel: all " + c.getChannelMax()
                            + " channels are open");
                }
                step.set("closing a channel");
                try {
                    channel.close();
                } catch (AlreadyClosedException e) {
                    // closed by the broker meanwhile: it answered
                }
                return details(c);
            });
            runningProbe.set(probe);
        } else {
            step.set("waiting for an earlier probe");
        }
        try {
            return probe.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer from the broker at " + settings.location() + " within "
                    + format(timeout) + " (" + step.get() + ")");
        }
    }

    private Map<String, Object> details(Connection c) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> server = c.getServerProperties();
        Object product = server.get("product");
        Object version = server.get("version");
        if (product != null) {
            data.put("server", product + (version == null ? "" : " " + version));
        }
        data.put("virtual-host", settings.virtualHost());
        data.put("channels", inUse());
        return data;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    // ---- retiring: make before break, then drain the consumers

    /**
     * The generation was replaced. Channels opened on it keep working; each one that closes is reported to
     * {@code callback}. Consumers are drained: once no other channel of this generation is open, each consumer
     * keeps receiving until its queues have no ready message and every delivery is acknowledged, is then
     * cancelled, and its channel closed once the deliveries before the cancel are acknowledged too.
     */
    void retiring(Runnable callback) {
        this.released = callback;
        if (!closed) {
            drain = Workers.DRAINS.scheduleWithFixedDelay(this::drainStep, DRAIN_POLL_MILLIS, DRAIN_POLL_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        signalReleased();
    }

    private void drainStep() {
        try {
            if (closed || channels.isEmpty()) {
                stopDraining();
                return;
            }
            if (opening.get() > 0 || channels.stream().anyMatch(c -> !c.consuming())) {
                return; // a publisher (or any other user) is still at work on this generation
            }
            for (TrackedChannel channel : channels) {
                channel.drainStep();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "draining '" + settings.name() + "' at " + settings.location() + ": " + e, e);
        }
    }

    private void stopDraining() {
        ScheduledFuture<?> task = drain;
        if (task != null) {
            task.cancel(false);
        }
        closeInspector();
    }

    /**
     * Ready messages in a queue, read with a passive declare on a channel of the generation's own (not lent out);
     * 0 if the queue is gone.
     */
    long readyMessages(String queue) {
        synchronized (inspectorLock) {
            try {
                if (inspector == null || !inspector.isOpen()) {
                    Connection c = delegate;
                    if (c == null || !c.isOpen()) {
                        return 0;
                    }
                    inspector = c.createChannel();
                    if (inspector == null) {
                        return 0;
                    }
                }
                return inspector.queueDeclarePassive(queue).getMessageCount();
            } catch (IOException | ShutdownSignalException e) {
                inspector = null; // a missing queue closes the channel
                return 0;
            }
        }
    }

    private void closeInspector() {
        synchronized (inspectorLock) {
            if (inspector != null && inspector.isOpen()) {
                try {
                    inspector.abort();
                } catch (IOException | RuntimeException e) {
                    // closing anyway
                }
            }
            inspector = null;
        }
    }

    String location() {
        return settings.location();
    }

    String resourceName() {
        return settings.name();
    }

    static void log(Level level, String message) {
        LOG.log(level, message);
    }

    /** Closes the generation, cutting whatever is still open on it. */
    void shutdown() {
        Connection c;
        synchronized (connectLock) {
            closed = true;
            c = delegate;
            delegate = null;
        }
        stopDraining();
        if (c != null) {
            try {
                c.close(200, "Attached: generation of '" + settings.name() + "' closed", 2000);
            } catch (IOException | RuntimeException e) {
                c.abort(1000);
            }
        }
        for (TrackedChannel channel : channels) {
            released(channel);
        }
    }

    boolean isClosed() {
        return closed;
    }

    // ---- Connection: what the application sees through its injected reference

    @Override
    public InetAddress getAddress() {
        return connectedOrFail().getAddress();
    }

    @Override
    public int getPort() {
        return settings.port();
    }

    @Override
    public int getChannelMax() {
        return connectedOrFail().getChannelMax();
    }

    @Override
    public int getFrameMax() {
        return connectedOrFail().getFrameMax();
    }

    @Override
    public int getHeartbeat() {
        return connectedOrFail().getHeartbeat();
    }

    @Override
    public Map<String, Object> getClientProperties() {
        Connection c = delegate;
        return c != null ? c.getClientProperties() : factory.getClientProperties();
    }

    @Override
    public String getClientProvidedName() {
        return connectionName;
    }

    @Override
    public Map<String, Object> getServerProperties() {
        return connectedOrFail().getServerProperties();
    }

    /** Does nothing: the connection belongs to Attached, which closes it when it is replaced or the app stops. */
    @Override
    public void close() {
        ignoredClose();
    }

    @Override
    public void close(int closeCode, String closeMessage) {
        ignoredClose();
    }

    @Override
    public void close(int timeout) {
        ignoredClose();
    }

    @Override
    public void close(int closeCode, String closeMessage, int timeout) {
        ignoredClose();
    }

    @Override
    public void abort() {
        ignoredClose();
    }

    @Override
    public void abort(int closeCode, String closeMessage) {
        ignoredClose();
    }

    @Override
    public void abort(int timeout) {
        ignoredClose();
    }

    @Override
    public void abort(int closeCode, String closeMessage, int timeout) {
        ignoredClose();
    }

    private void ignoredClose() {
        LOG.fine(() -> "the RabbitMQ connection of '" + settings.name()
                + "' belongs to Attached; closing it from the application is ignored");
    }

    @Override
    public void addBlockedListener(BlockedListener listener) {
        blockedListeners.add(listener);
        Connection c = delegate;
        if (c != null) {
            c.addBlockedListener(listener);
        }
    }

    @Override
    public BlockedListener addBlockedListener(BlockedCallback blockedCallback, UnblockedCallback unblockedCallback) {
        BlockedListener listener = new BlockedListener() {
            @Override
            public void handleBlocked(String reason) throws IOException {
                blockedCallback.handle(reason);
            }

            @Override
            public void handleUnblocked() throws IOException {
                unblockedCallback.handle();
            }
        };
        addBlockedListener(listener);
        return listener;
    }

    @Override
    public boolean removeBlockedListener(BlockedListener listener) {
        Connection c = delegate;
        if (c != null) {
            c.removeBlockedListener(listener);
        }
        return blockedListeners.remove(listener);
    }

    @Override
    public void clearBlockedListeners() {
        blockedListeners.clear();
        Connection c = delegate;
        if (c != null) {
            c.clearBlockedListeners();
        }
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        Connection c = delegate;
        return c != null ? c.getExceptionHandler() : factory.getExceptionHandler();
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void setId(String id) {
        this.id = id;
        Connection c = delegate;
        if (c != null) {
            c.setId(id);
        }
    }

    @Override
    public void addShutdownListener(ShutdownListener listener) {
        shutdownListeners.add(listener);
        Connection c = delegate;
        if (c != null) {
            c.addShutdownListener(listener);
        }
    }

    @Override
    public void removeShutdownListener(ShutdownListener listener) {
        shutdownListeners.remove(listener);
        Connection c = delegate;
        if (c != null) {
            c.removeShutdownListener(listener);
        }
    }

    @Override
    public ShutdownSignalException getCloseReason() {
        Connection c = delegate;
        return c != null ? c.getCloseReason() : closed ? closedSignal() : null;
    }

    @Override
    public void notifyListeners() {
        Connection c = delegate;
        if (c != null) {
            c.notifyListeners();
        }
    }

    /** Open once connected, and while the client recovers nothing is lost; false before the first connection. */
    @Override
    public boolean isOpen() {
        Connection c = delegate;
        return c != null && c.isOpen();
    }

    @Override
    public String toString() {
        return "RabbitMQ connection '" + settings.name() + "' to " + settings.location() + " as "
                + settings.username() + (closed ? " (closed)" : delegate == null ? " (not yet connected)" : "");
    }
}
