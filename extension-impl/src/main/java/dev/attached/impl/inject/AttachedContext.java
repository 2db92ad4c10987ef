package dev.attached.impl.inject;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;

/**
 * Resolves a swap-aware bean to the current generation of its resource on every call through its client proxy. The
 * instances belong to the resources, not to this context: it never creates or destroys them.
 */
final class AttachedContext implements Context {

    private final Map<Contextual<?>, Supplier<Object>> current = new ConcurrentHashMap<>();
    private final ResourceBeans beans;

    AttachedContext(ResourceBeans beans) {
        this.beans = beans;
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return AttachedScoped.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        return get(contextual);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Contextual<T> contextual) {
        return (T) current.computeIfAbsent(contextual, beans::supplierFor).get();
    }

    @Override
    public boolean isActive() {
        return true;
    }
}
