package dev.attached.kind.redis;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;

import io.lettuce.core.api.StatefulRedisConnection;

/**
 * One of a generation's command APIs ({@code sync()}, {@code async()}, {@code reactive()}) before its connection
 * exists: each call gets the connection first (connecting if needed, see {@link GenerationConnection#connected()})
 * and runs on Lettuce's own API of it. Handing it out costs nothing and never blocks.
 */
final class LazyApi implements InvocationHandler {

    private final Class<?> api;
    private final GenerationConnection generation;
    private final Function<StatefulRedisConnection<String, String>, Object> select;

    private LazyApi(Class<?> api, GenerationConnection generation,
            Function<StatefulRedisConnection<String, String>, Object> select) {
        this.api = api;
        this.generation = generation;
        this.select = select;
    }

    @SuppressWarnings("unchecked")
    static <A> A create(Class<?> api, GenerationConnection generation,
            Function<StatefulRedisConnection<String, String>, Object> select) {
        return (A) Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[]{api},
                new LazyApi(api, generation, select));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> api.getSimpleName() + " of " + generation;
            };
        }
        if (method.getParameterCount() == 0) {
            switch (method.getName()) {
                case "getStatefulConnection" :
                    return generation;
                case "isOpen" :
                    return generation.isOpen();
                default :
                    break;
            }
        }
        Object target = select.apply(generation.connected());
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
