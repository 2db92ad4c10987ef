package dev.attached.kind.restclient;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Which injected types the kind serves: an interface that {@code RestClientBuilder} can build, recognised by its
 * annotations, so that no other interface (a {@code DataSource}, an application's own service) is taken for one:
 * <ul>
 * <li>the interface is annotated {@code @RegisterRestClient} or {@code @Path}, or</li>
 * <li>one of its methods, its own or inherited, is annotated {@code @Path} or with an HTTP method ({@code @GET},
 * {@code @POST}, ... or any annotation meta-annotated {@code @HttpMethod}).</li>
 * </ul>
 * A generic type ({@code Api<T>}) is not served: {@code RestClientBuilder.build} takes a class.
 */
final class RestInterfaces {

    private RestInterfaces() {
    }

    static boolean isRestClient(Type type) {
        if (!(type instanceof Class<?> c) || !c.isInterface() || c.isAnnotation()) {
            return false;
        }
        if (c.isAnnotationPresent(RegisterRestClient.class) || c.isAnnotationPresent(Path.class)) {
            return true;
        }
        for (Method method : c.getMethods()) {
            if (isResourceMethod(method)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isResourceMethod(Method method) {
        if (method.isAnnotationPresent(Path.class)) {
            return true;
        }
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}
