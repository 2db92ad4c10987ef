package dev.attached.kind.restclient;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * What calls reach instead of the built client when the interface needs more than the client itself:
 * <ul>
 * <li>{@code close()} of an interface that extends {@code AutoCloseable} does nothing: the generation owns its
 * clients, and closing one through an injected reference would break every caller;</li>
 * <li>a method returning a {@code CompletionStage} is counted as in flight until it completes ({@link AsyncCalls}),
 * so a swap lets it finish on the old client.</li>
 * </ul>
 * Every other interface gets the built client itself.
 */
final class ClientView implements InvocationHandler {

    private final Object client;
    private final AsyncCalls async;

    private ClientView(Object client, AsyncCalls async) {
        this.client = client;
        this.async = async;
    }

    /** The client as calls should see it: itself, or a view when {@link #needed needed}. */
    static Object of(Class<?> type, Object client, AsyncCalls async) {
        if (!needed(type)) {
            return client;
        }
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, new ClientView(client, async));
    }

    static boolean needed(Class<?> type) {
        return AutoCloseable.class.isAssignableFrom(type) || Arrays.stream(type.getMethods())
                .anyMatch(m -> CompletionStage.class.isAssignableFrom(m.getReturnType()));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "ClientView[" + client + "]";
            };
        }
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            return null;
        }
        boolean counted = CompletionStage.class.isAssignableFrom(method.getReturnType());
        if (counted) {
            async.started();
        }
        Object result;
        try {
            result = method.invoke(client, args);
        } catch (InvocationTargetException e) {
            if (counted) {
                async.finished();
            }
            throw e.getCause();
        }
        if (counted) {
            if (result instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, error) -> async.finished());
            } else {
                async.finished();
            }
        }
        return result;
    }
}
