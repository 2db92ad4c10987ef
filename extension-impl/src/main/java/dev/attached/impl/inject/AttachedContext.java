package dev.attached.impl.inject;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;

/**
 * The context of {@link AttachedScoped}: resolves a resource bean to what {@link ResourceBeans} made for it. The
 * instances belong to the resources, not to this context: it never creates or destroys them.
 */
final class AttachedContext implements Context {

    private final Map<Contextual<?>, Supplier<Object>> instances = new ConcurrentHashMap<>();
    private final ResourceBeans beans;

    AttachedContext(ResourceBeans beans) {
        this.beans = beans;
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return AttachedScoped.class;
    }

    @Override
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        return get(contextual);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Contextual<T> contextual) {
        return (T) instances.computeIfAbsent(contextual, beans::instanceFor).get();
    }

    @Override
    public boolean isActive() {
        return true;
    }
}
