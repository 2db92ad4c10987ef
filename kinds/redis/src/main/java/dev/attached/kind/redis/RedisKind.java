package dev.attached.kind.redis;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.util.TypeLiteral;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import dev.attached.ResourceHandle;
import dev.attached.spi.Current;
import dev.attached.spi.ResourceKind;

/**
 * Redis through Lettuce: inject {@code StatefulRedisConnection<String, String>} or
 * {@code RedisCommands<String, String>} with {@code @AttachedResource}, configured by a {@code redis://} or
 * {@code rediss://} url (see {@link RedisSettings} for the keys). Each generation is one {@code RedisClient} and
 * one shared, lazily made connection ({@link GenerationConnection}); its readiness probe is a {@code PING}.
 */
public final class RedisKind implements ResourceKind<RedisSettings, StatefulRedisConnection<String, String>> {

    /** {@code StatefulRedisConnection<String, String>}. */
    public static final Type CONNECTION = new TypeLiteral<StatefulRedisConnection<String, String>>() {
    }.getType();

    /** {@code RedisCommands<String, String>}. */
    public static final Type COMMANDS = new TypeLiteral<RedisCommands<String, String>>() {
    }.getType();

    @Override
    public String name() {
        return "redis";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<StatefulRedisConnection<String, String>> type() {
        return (Class<StatefulRedisConnection<String, String>>) (Class<?>) StatefulRedisConnection.class;
    }

    @Override
    public Set<Type> types() {
        return Set.of(CONNECTION, COMMANDS);
    }

    @Override
    public Set<String> keys() {
        return RedisSettings.KEYS;
    }

    @Override
    public RedisSettings configure(ResourceHandle handle, List<String> problems) {
        return RedisSettings.read(handle, problems);
    }

    /** Starts connecting in the background and returns at once: a Redis that is down does not delay start-up. */
    @Override
    public StatefulRedisConnection<String, String> open(RedisSettings settings) {
        return GenerationConnection.open(settings);
    }

    /**
     * Connects if there is no connection yet, then sends {@code PING}; both within {@code timeout}. A connection
     * that Lettuce is re-establishing is DOWN at once.
     */
    @Override
    public Map<String, Object> probe(StatefulRedisConnection<String, String> resource, Duration timeout)
            throws Exception {
        GenerationConnection generation = generation(resource);
        RedisSettings settings = generation.settings();
        long start = System.nanoTime();
        StatefulRedisConnection<String, String> connection = generation.connected(timeout);
        if (!connection.isOpen()) {
            throw new RedisConnectionException(
                    "The connection to Redis at " + settings.location() + " was lost; Lettuce is reconnecting");
        }
        long left = Math.max(TimeUnit.MILLISECONDS.toNanos(1), timeout.toNanos() - (System.nanoTime() - start));
        RedisFuture<String> ping = connection.async().ping();
        try {
            ping.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            ping.cancel(true);
            throw new RedisCommandTimeoutException(
                    "Redis at " + settings.location() + " did not answer PING within "
                            + GenerationConnection.millis(timeout));
        } catch (ExecutionException e) {
            throw new RedisException("Redis at " + settings.location() + " answered PING with an error: "
                    + GenerationConnection.reason(e.getCause()), e.getCause());
        }
        return Map.of("database", settings.database(), "ping-micros",
                TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
    }

    /** Commands sent with {@code async()} or {@code reactive()} and not answered yet. */
    @Override
    public int inUse(StatefulRedisConnection<String, String> resource) {
        return resource instanceof GenerationConnection generation ? generation.inFlight().count() : 0;
    }

    @Override
    public void retiring(StatefulRedisConnection<String, String> resource, Runnable released) {
        if (resource instanceof GenerationConnection generation) {
            generation.inFlight().onRelease(released);
        }
    }

    @Override
    public void close(StatefulRedisConnection<String, String> resource) {
        if (resource instanceof GenerationConnection generation) {
            generation.shutdown();
        }
    }

    /** The connection itself, or its {@code sync()} API for {@code RedisCommands<String, String>}: both prebuilt. */
    @Override
    public Object view(StatefulRedisConnection<String, String> resource, Type type) {
        return type == COMMANDS || COMMANDS.equals(type) ? resource.sync() : resource;
    }

    /**
     * A reference of the kind's own for {@code StatefulRedisConnection<String, String>}, whose {@code sync()},
     * {@code async()} and {@code reactive()} follow swaps too; {@code RedisCommands<String, String>} gets Attached's
     * proxy.
     */
    @Override
    public Object reference(Type type, Current<StatefulRedisConnection<String, String>> current) {
        return CONNECTION.equals(type) ? new SwapAwareConnection(current) : null;
    }

    @Override
    public StatefulRedisConnection<String, String> detached(String message) {
        return Detached.connection(message);
    }

    private static GenerationConnection generation(StatefulRedisConnection<String, String> resource) {
        if (resource instanceof GenerationConnection generation) {
            return generation;
        }
        throw new RedisConnectionException("No Redis to probe: " + resource);
    }
}
