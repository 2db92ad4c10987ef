package dev.attached.kind.redis;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;

import dev.attached.spi.Current;
import dev.attached.spi.Current.Lease;

/**
 * The injected {@code StatefulRedisConnection<String, String>}: every call enters the current generation. Its
 * {@code sync()}, {@code async()} and {@code reactive()} are stable too, so {@code redis.sync().get(key)} and a
 * {@code RedisCommands} kept in a field follow swaps (a plain proxy would hand out the generation's own API, which
 * stays on the old server). Closing it does nothing: Attached owns the connection.
 */
final class SwapAwareConnection implements StatefulRedisConnection<String, String> {

    private final Current<StatefulRedisConnection<String, String>> current;
    private final RedisCommands<String, String> sync;
    private final RedisAsyncCommands<String, String> async;
    private final RedisReactiveCommands<String, String> reactive;

    SwapAwareConnection(Current<StatefulRedisConnection<String, String>> current) {
        this.current = current;
        this.sync = SwapAwareApi.create(RedisCommands.class, current, StatefulRedisConnection::sync, this);
        this.async = SwapAwareApi.create(RedisAsyncCommands.class, current, StatefulRedisConnection::async, this);
        this.reactive = SwapAwareApi.create(RedisReactiveCommands.class, current, StatefulRedisConnection::reactive,
                this);
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
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            return lease.resource().isMulti();
        }
    }

    @Override
    public void addListener(PushListener listener) {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            lease.resource().addListener(listener);
        }
    }

    @Override
    public void removeListener(PushListener listener) {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            lease.resource().removeListener(listener);
        }
    }

    @Override
    public void addListener(RedisConnectionStateListener listener) {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            lease.resource().addListener(listener);
        }
    }

    @Override
    public void removeListener(RedisConnectionStateListener listener) {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            lease.resource().removeListener(listener);
        }
    }

    @Override
    public void setTimeout(Duration timeout) {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            lease.resource().setTimeout(timeout);
        }
    }

    @Override
    public Duration getTimeout() {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            return lease.resource().getTimeout();
        }
    }

    @Override
    public <T> RedisCommand<String, String, T> dispatch(RedisCommand<String, String, T> command) {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            return lease.resource().dispatch(command);
        }
    }

    @Override
    public Collection<RedisCommand<String, String, ?>> dispatch(
            Collection<? extends RedisCommand<String, String, ?>> commands) {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            return lease.resource().dispatch(commands);
        }
    }

    /** Does nothing: the connection belongs to the resource. */
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
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            return lease.resource().isOpen();
        }
    }

    @Override
    public ClientOptions getOptions() {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            return lease.resource().getOptions();
        }
    }

    @Override
    public ClientResources getResources() {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            return lease.resource().getResources();
        }
    }

    @Override
    public void setAutoFlushCommands(boolean autoFlush) {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            lease.resource().setAutoFlushCommands(autoFlush);
        }
    }

    @Override
    public void flushCommands() {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            lease.resource().flushCommands();
        }
    }

    @Override
    public RedisCodec<String, String> getCodec() {
        return StringCodec.UTF8;
    }

    @Override
    public String toString() {
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            return "@AttachedResource(\"" + current.name() + "\") " + lease.resource();
        } catch (IllegalStateException e) {
            return "@AttachedResource(\"" + current.name() + "\") StatefulRedisConnection[" + e.getMessage() + "]";
        }
    }
}
