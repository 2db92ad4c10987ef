package dev.attached.impl;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.attached.ResourceHandle;
import dev.attached.spi.ResourceKind;

/**
 * A kind that serves a family of types rather than a fixed set, as a Rest Client kind serves every client interface:
 * any interface annotated {@link Endpoint}. Each method of such an interface answers with the generation's location.
 */
public final class TestEndpointKind implements ResourceKind<String, TestEndpointKind.Endpoints> {

    /** Marks an interface this kind serves. */
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Endpoint {
    }

    /** One generation: the location every client of it answers with. */
    public record Endpoints(String location) {
    }

    @Override
    public String name() {
        return "test-endpoint";
    }

    @Override
    public Class<Endpoints> type() {
        return Endpoints.class;
    }

    @Override
    public Set<Type> types() {
        return Set.of();
    }

    @Override
    public boolean serves(Type type) {
        return type instanceof Class<?> c && c.isInterface() && c.isAnnotationPresent(Endpoint.class);
    }

    @Override
    public String configure(ResourceHandle handle, List<String> problems) {
        if (!"endpoint".equals(handle.uri().getScheme())) {
            problems.add("url: not an endpoint:// URL");
        }
        return handle.uri().toString();
    }

    @Override
    public Endpoints open(String location) {
        return new Endpoints(location);
    }

    @Override
    public Map<String, Object> probe(Endpoints resource, Duration timeout) {
        return Map.of();
    }

    @Override
    public void close(Endpoints resource) {
    }

    @Override
    public Object view(Endpoints resource, Type type) {
        Class<?> client = (Class<?>) type;
        return Proxy.newProxyInstance(client.getClassLoader(), new Class<?>[]{client},
                (proxy, method, args) -> resource.location());
    }
}
