package dev.attached.impl.inject;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceHandle;
import dev.attached.impl.Messages;
import dev.attached.impl.runtime.ResourceRegistry;

/**
 * The synthetic beans behind {@code @AttachedResource} injection points: one per (name, type). Interface types are
 * {@link AttachedScoped}, so the injected proxy follows swaps; other types (a final {@code Session}) are
 * {@code @Dependent}, and follow swaps through {@code Instance<T>.get()}.
 */
public final class ResourceBeans {

    private final ResourceRegistry registry;

    public ResourceBeans(ResourceRegistry registry) {
        this.registry = registry;
    }

    public void register(AfterBeanDiscovery abd, Map<String, Set<Type>> typesByName) {
        abd.addContext(new AttachedContext(this));
        typesByName.forEach((name, types) -> types.forEach(type -> {
            Class<?> rawType = (Class<?>) type;
            Supplier<Object> current = current(name, rawType == ResourceHandle.class);
            abd.addBean()
                    .id("dev.attached#" + name + "#" + rawType.getName())
                    .beanClass(ResourceBeans.class)
                    .types(rawType, Object.class)
                    .qualifiers(AttachedResource.Literal.of(name), Any.Literal.INSTANCE)
                    .scope(rawType.isInterface() ? AttachedScoped.class : Dependent.class)
                    .produceWith(instance -> current.get());
        }));
        abd.addBean()
                .id("dev.attached#resources")
                .beanClass(ResourceBeans.class)
                .types(AttachedResources.class, Object.class)
                .scope(Dependent.class)
                .produceWith(instance -> registry);
    }

    /** Called once per bean by {@link AttachedContext}. */
    Supplier<Object> supplierFor(Contextual<?> contextual) {
        Bean<?> bean = (Bean<?>) contextual;
        String name = bean.getQualifiers().stream()
                .filter(AttachedResource.class::isInstance)
                .map(q -> ((AttachedResource) q).value())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(Messages.notAResourceBean(bean)));
        return current(name, bean.getTypes().contains(ResourceHandle.class));
    }

    private Supplier<Object> current(String name, boolean handleView) {
        return handleView ? () -> registry.slot(name).handle() : () -> registry.slot(name).resource();
    }
}
