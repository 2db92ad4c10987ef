package dev.attached.kind.memcached;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.exception.MemcachedException;

/**
 * What calls reach while a resource is detached: every command fails at once with XMemcached's own
 * {@link MemcachedException} carrying Attached's message (it names the resource and the key to set). Methods that
 * cannot throw it fail with the same message in an {@link IOException} where they declare one ({@code shutdown},
 * {@code addServer}), else in an {@link IllegalStateException} (getters and setters).
 */
final class DetachedClient implements InvocationHandler {

    private final String message;

    private DetachedClient(String message) {
        this.message = message;
    }

    static MemcachedClient create(String message) {
        return (MemcachedClient) Proxy.newProxyInstance(MemcachedClient.class.getClassLoader(),
                new Class<?>[]{MemcachedClient.class}, new DetachedClient(message));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "MemcachedClient[detached: " + message + "]";
            };
        }
        List<Class<?>> declared = List.of(method.getExceptionTypes());
        if (declared.contains(MemcachedException.class)) {
            throw new MemcachedException(message);
        }
        if (declared.contains(IOException.class)) {
            throw new IOException(message);
        }
        throw new IllegalStateException(message);
    }
}
