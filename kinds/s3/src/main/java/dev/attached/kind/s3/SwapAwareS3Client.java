package dev.attached.kind.s3;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import dev.attached.spi.Current;
import dev.attached.spi.Current.Lease;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.waiters.S3Waiter;

/**
 * The injected {@link S3Client}: a stable reference that sends every operation through the generation current at
 * that moment, and keeps that generation open while the operation runs and while a response stream it returned is
 * open. Beyond Attached's plain proxy it
 * <ul>
 * <li>fills in the attached bucket where a request names none, from the same generation that sends it;</li>
 * <li>builds requests of the {@code Consumer<Builder>} overloads, paginators and waiters on this reference rather
 * than on a generation's client, so each page or poll is sent through the generation current when it is sent, and
 * an iterable kept across a swap does not reach a closed client;</li>
 * <li>ignores {@code close()}: Attached owns the clients.</li>
 * </ul>
 */
final class SwapAwareS3Client implements InvocationHandler {

    private final Current<BucketClient> current;

    private SwapAwareS3Client(Current<BucketClient> current) {
        this.current = current;
    }

    static S3Client create(Current<BucketClient> current) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[]{S3Client.class},
                new SwapAwareS3Client(current));
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
        String name = method.getName();
        if (name.equals("close") && method.getParameterCount() == 0) {
            return null;
        }
        if (name.equals("waiter") && method.getParameterCount() == 0) {
            return S3Waiter.builder().client((S3Client) proxy).build();
        }
        if (method.isDefault() && (name.endsWith("Paginator") || takesConsumer(method))) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        try (Lease<BucketClient> lease = current.enter()) {
            BucketClient generation = lease.resource();
            Object result = method.invoke(generation.client(), DefaultBucket.fill(args, generation.defaultBucket()));
            return result instanceof ResponseInputStream<?> stream ? generation.streams().hold(stream) : result;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean takesConsumer(Method method) {
        for (Class<?> type : method.getParameterTypes()) {
            if (type == Consumer.class) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        try (Lease<BucketClient> lease = current.enter()) {
            return "@AttachedResource(\"" + current.name() + "\") S3Client at " + lease.resource();
        } catch (RuntimeException e) {
            return "@AttachedResource(\"" + current.name() + "\") S3Client";
        }
    }
}
