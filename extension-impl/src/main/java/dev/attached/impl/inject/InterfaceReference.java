package dev.attached.impl.inject;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;

import dev.attached.impl.runtime.ResourceSlot;
import dev.attached.spi.Current.Lease;

/**
 * The stable reference of an interface type: every call enters the current generation, runs there and leaves, so
 * the generation is not closed under it and a call made after a swap reaches the new one.
 */
final class InterfaceReference implements InvocationHandler {

    private final ResourceSlot<?, ?> slot;
    private final Type type;

    private InterfaceReference(ResourceSlot<?, ?> slot, Type type) {
        this.slot = slot;
        this.type = type;
    }

    static Object create(ResourceSlot<?, ?> slot, Type type) {
        Class<?> raw = raw(type);
        return Proxy.newProxyInstance(raw.getClassLoader(), new Class<?>[]{raw}, new InterfaceReference(slot, type));
    }

    static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> toString();
            };
        }
        try (Lease<?> lease = slot.enter()) {
            return method.invoke(lease.view(type), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public String toString() {
        return "@AttachedResource(\"" + slot.name() + "\") " + type.getTypeName() + " at "
                + slot.generation().map(Object::toString).orElse("detached");
    }
}
