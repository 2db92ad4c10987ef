package dev.attached.kind.redis;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * One generation of a Redis resource: its own Lettuce {@link ClientResources} (two I/O and two computation threads,
 * started on first use) and {@link RedisClient}, and the one connection it shares between all callers (Lettuce
 * connections are thread-safe and pipeline concurrent commands). Owning its resources lets a generation watch its
 * own channels ({@link PipelineCustomizer}) and close without touching another generation.
 * <p>
 * Lettuce connects eagerly and blocks while doing so, so this connection is made lazily: {@link #open} only starts
 * an asynchronous connect, and whoever needs the connection first (the readiness probe, or a call) waits for that
 * attempt, for at most the probe's timeout or {@code connect-timeout}. A failed attempt is retried by the next one
 * who needs the connection. Once connected, Lettuce reconnects by itself.
 * <p>
 * {@link #sync()}, {@link #async()} and {@link #reactive()} return this generation's command APIs without
 * connecting; their calls connect if needed. {@link #close()} does nothing: the application does not own the
 * connection, the kind closes it with {@link #shutdown()} when the generation is retired.
 */
final class GenerationConnection implements StatefulRedisConnection<String, String> {

    private final RedisSettings settings;
    private final ClientResources clientResources;
    private final RedisClient client;
    private final RedisURI uri;
    private final InFlight inFlight = new InFlight();
    private final RedisCommands<String, String> sync;
    private final RedisAsyncCommands<String, String> async;
    private final RedisReactiveCommands<String, String> reactive;

    private volatile StatefulRedisConnection<String, String> connection;
    private volatile Throwable handshakeFailure;
    private CompletableFuture<StatefulRedisConnection<String, String>> attempt; // guarded by this
    private boolean shutDown; // guarded by this

    private GenerationConnection(RedisSettings settings) {
        this.settings = settings;
        this.clientResources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .nettyCustomizer(new PipelineCustomizer(failure -> handshakeFailure = failure))
                .build();
        this.uri = settings.redisUri();
        this.client = RedisClient.create(clientResources);
        client.setOptions(ClientOptions.builder()
                .socketOptions(
                        SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        client.addListener(inFlight);
        this.sync = LazyApi.create(RedisCommands.class, this, StatefulRedisConnection::sync);
        this.async = LazyApi.create(RedisAsyncCommands.class, this, StatefulRedisConnection::async);
        this.reactive = LazyApi.create(RedisReactiveCommands.class, this, StatefulRedisConnection::reactive);
    }

    /** Builds the generation and starts connecting in the background; returns at once. */
    static GenerationConnection open(RedisSettings settings) {
        GenerationConnection generation = new GenerationConnection(settings);
        generation.attempt();
        return generation;
    }

    RedisSettings settings() {
        return settings;
    }

    InFlight inFlight() {
        return inFlight;
    }

    /** The connection, connecting first if there is none; waits at most {@code connect-timeout}. */
    StatefulRedisConnection<String, String> connected() {
        return connected(settings.connectTimeout());
    }

    /** The connection, connecting first if there is none; waits at most {@code wait}. */
    StatefulRedisConnection<String, String> connected(Duration wait) {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            return c;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> pending = attempt();
        try {
            return pending.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new RedisConnectionException(
                    "Redis at " + settings.location() + " did not answer within " + millis(wait) + " while connecting");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Throwable handshake = handshakeFailure;
            if (handshake != null && cause instanceof IllegalStateException
                    && String.valueOf(cause.getMessage()).contains("RedisHandshakeHandler")) {
                cause = handshake; // see PipelineCustomizer
            }
            throw new RedisConnectionException(
                    "Unable to connect to Redis at " + settings.location() + ": " + reason(cause), cause);
        } catch (CancellationException e) {
            throw closed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisConnectionException("Interrupted while connecting to Redis at " + settings.location());
        }
    }

    /** The running connect attempt, or a new one if there is none or the last one failed. */
    private synchronized CompletableFuture<StatefulRedisConnection<String, String>> attempt() {
        if (shutDown) {
            throw closed();
        }
        if (attempt == null || attempt.isCompletedExceptionally()) {
            attempt = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture().thenApply(this::connectedTo);
        }
        return attempt;
    }

    private StatefulRedisConnection<String, String> connectedTo(StatefulRedisConnection<String, String> c) {
        synchronized (this) {
            if (!shutDown) {
                connection = c;
                return c;
            }
        }
        c.closeAsync();
        throw closed();
    }

    private RedisConnectionException closed() {
        return new RedisConnectionException("The connection to Redis at " + settings.location()
                + " is closed: its configuration was replaced or the application stopped");
    }

    /** The innermost message: "Connection refused", "WRONGPASS invalid username-password pair ...". */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** Closes the connection, cutting what is still in flight, and the client. */
    void shutdown() {
        StatefulRedisConnection<String, String> c;
        synchronized (this) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            c = connection;
            connection = null;
            if (attempt != null) {
                attempt.cancel(false);
            }
        }
        try {
            if (c != null) {
                c.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } finally {
            clientResources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    @Override
    public RedisCommands<String, String> sync() {
        return sync;
    }

    @Override
    public RedisAsyncCommands<String, String> async() {
        return async;
    }

    @Override
    public RedisReactiveCommands<String, String> reactive() {
        return reactive;
    }

    @Override
    public boolean isMulti() {
        StatefulRedisConnection<String, String> c = connection;
        return c != null && c.isMulti();
    }

    @Override
    public void addListener(PushListener listener) {
        connected().addListener(listener);
    }

    @Override
    public void removeListener(PushListener listener) {
        connected().removeListener(listener);
    }

    @Override
    public void addListener(RedisConnectionStateListener listener) {
        connected().addListener(listener);
    }

    @Override
    public void removeListener(RedisConnectionStateListener listener) {
        connected().removeListener(listener);
    }

    @Override
    public void setTimeout(Duration timeout) {
        connected().setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        StatefulRedisConnection<String, String> c = connection;
        return c != null ? c.getTimeout() : settings.timeout();
    }

    @Override
    public <T> RedisCommand<String, String, T> dispatch(RedisCommand<String, String, T> command) {
        return connected().dispatch(command);
    }

    @Override
    public Collection<RedisCommand<String, String, ?>> dispatch(
            Collection<? extends RedisCommand<String, String, ?>> commands) {
        return connected().dispatch(commands);
    }

    /** Does nothing: the connection belongs to the resource, which closes it when it is replaced or shut down. */
    @Override
    public void close() {
    }

    /** Does nothing, as {@link #close()}. */
    @Override
    public CompletableFuture<Void> closeAsync() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isOpen() {
        StatefulRedisConnection<String, String> c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public ClientOptions getOptions() {
        return client.getOptions();
    }

    @Override
    public ClientResources getResources() {
        return clientResources;
    }

    @Override
    public void setAutoFlushCommands(boolean autoFlush) {
        connected().setAutoFlushCommands(autoFlush);
    }

    @Override
    public void flushCommands() {
        connected().flushCommands();
    }

    @Override
    public RedisCodec<String, String> getCodec() {
        return StringCodec.UTF8;
    }

    @Override
    public String toString() {
        return "StatefulRedisConnection[" + settings.location()
                + (connection == null ? ", not connected" : isOpen() ? "" : ", reconnecting") + "]";
    }

    static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
