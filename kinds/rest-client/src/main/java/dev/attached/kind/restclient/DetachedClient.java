package dev.attached.kind.restclient;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import jakarta.ws.rs.ProcessingException;

/**
 * What calls reach while a Rest Client resource is detached (its url removed, or optional and never set): every
 * method of the interface throws Jakarta REST's {@link ProcessingException}, as a client does when it cannot reach
 * the server, with Attached's message naming the resource and the key to set. Nothing waits and nothing touches the
 * network.
 */
final class DetachedClient implements InvocationHandler {

    private final String message;

    private DetachedClient(String message) {
        this.message = message;
    }

    static Object of(Class<?> type, String message) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, new DetachedClient(message));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "DetachedClient[" + message + "]";
            };
        }
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            return null;
        }
        throw new ProcessingException(message);
    }
}
