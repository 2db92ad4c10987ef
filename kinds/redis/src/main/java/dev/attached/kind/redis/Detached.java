package dev.attached.kind.redis;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;

/**
 * What calls reach while a Redis resource is detached (its url removed): a connection and command APIs whose every
 * command throws Lettuce's own {@link RedisConnectionException} with Attached's message, which names the resource
 * and the key to set. Nothing waits and nothing touches the network. Asking whether it is open answers
 * {@code false}; closing it does nothing.
 */
final class Detached implements InvocationHandler {

    private final String message;
    private final Class<?> type;
    private StatefulRedisConnection<String, String> connection;
    private Object sync;
    private Object async;
    private Object reactive;

    private Detached(String message, Class<?> type) {
        this.message = message;
        this.type = type;
    }

    /** A detached connection whose {@code sync()}, {@code async()} and {@code reactive()} are detached too. */
    @SuppressWarnings("unchecked")
    static StatefulRedisConnection<String, String> connection(String message) {
        Detached handler = new Detached(message, StatefulRedisConnection.class);
        StatefulRedisConnection<String, String> connection = (StatefulRedisConnection<String, String>) proxy(
                StatefulRedisConnection.class, handler);
        handler.connection = connection;
        handler.sync = api(RedisCommands.class, message, connection);
        handler.async = api(RedisAsyncCommands.class, message, connection);
        handler.reactive = api(RedisReactiveCommands.class, message, connection);
        return connection;
    }

    private static Object api(Class<?> type, String message, StatefulRedisConnection<String, String> connection) {
        Detached handler = new Detached(message, type);
        handler.connection = connection;
        return proxy(type, handler);
    }

    private static Object proxy(Class<?> type, Detached handler) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> type.getSimpleName() + "[detached: " + message + "]";
            };
        }
        if (method.getParameterCount() == 0) {
            switch (method.getName()) {
                case "sync" :
                    return sync;
                case "async" :
                    return async;
                case "reactive" :
                    return reactive;
                case "getStatefulConnection" :
                    return connection;
                case "isOpen" :
                case "isMulti" :
                    return false;
                case "getCodec" :
                    return StringCodec.UTF8;
                case "close" :
                    return null;
                case "closeAsync" :
                    return CompletableFuture.completedFuture(null);
                default :
                    break;
            }
        }
        throw new RedisConnectionException(message);
    }
}
