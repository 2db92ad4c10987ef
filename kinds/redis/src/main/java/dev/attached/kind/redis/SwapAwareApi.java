package dev.attached.kind.redis;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;

import io.lettuce.core.api.StatefulRedisConnection;

import dev.attached.spi.Current;
import dev.attached.spi.Current.Lease;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A command API of the injected connection that follows swaps. A synchronous or asynchronous command is sent on the
 * generation current when it is called, inside that generation (an asynchronous one stays counted until answered);
 * a reactive command enters the generation current when it is subscribed to and leaves when it completes, errs or
 * is cancelled.
 */
final class SwapAwareApi implements InvocationHandler {

    private final Class<?> api;
    private final Current<StatefulRedisConnection<String, String>> current;
    private final Function<StatefulRedisConnection<String, String>, Object> select;
    private final StatefulRedisConnection<String, String> connection;

    private SwapAwareApi(Class<?> api, Current<StatefulRedisConnection<String, String>> current,
            Function<StatefulRedisConnection<String, String>, Object> select,
            StatefulRedisConnection<String, String> connection) {
        this.api = api;
        this.current = current;
        this.select = select;
        this.connection = connection;
    }

    @SuppressWarnings("unchecked")
    static <A> A create(Class<?> api, Current<StatefulRedisConnection<String, String>> current,
            Function<StatefulRedisConnection<String, String>, Object> select,
            StatefulRedisConnection<String, String> connection) {
        return (A) Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[]{api},
                new SwapAwareApi(api, current, select, connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "swap-aware " + api.getSimpleName();
            };
        }
        if (method.getParameterCount() == 0 && method.getName().equals("getStatefulConnection")) {
            return connection;
        }
        Class<?> returns = method.getReturnType();
        if (returns == Mono.class) {
            return Mono.usingWhen(Mono.fromSupplier(current::enter), lease -> (Mono<?>) call(lease, method, args),
                    lease -> Mono.fromRunnable(lease::close));
        }
        if (returns == Flux.class) {
            return Flux.usingWhen(Mono.fromSupplier(current::enter), lease -> (Flux<?>) call(lease, method, args),
                    lease -> Mono.fromRunnable(lease::close));
        }
        try (Lease<StatefulRedisConnection<String, String>> lease = current.enter()) {
            return call(lease, method, args);
        }
    }

    private Object call(Lease<StatefulRedisConnection<String, String>> lease, Method method, Object[] args) {
        try {
            return method.invoke(select.apply(lease.resource()), args);
        } catch (InvocationTargetException e) {
            throw sneaky(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
