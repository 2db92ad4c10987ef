package dev.attached.impl.inject;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.PassivationCapable;
import jakarta.inject.Singleton;

import dev.attached.AttachedResource;
import dev.attached.AttachedResources;
import dev.attached.ResourceHandle;
import dev.attached.impl.Messages;
import dev.attached.impl.runtime.ResourceRegistry;
import dev.attached.impl.runtime.ResourceSlot;
import dev.attached.spi.ResourceKind;

/**
 * The synthetic beans behind {@code @AttachedResource} injection points: one per (name, type), in the
 * {@link AttachedScoped} pseudo-scope. What a bean resolves to is decided once: a {@link ResourceHandle} view, the
 * kind's own reference, a proxy for an interface type, or, for a class no reference can stand for, the current
 * resource at each injection.
 */
public final class ResourceBeans {

    private final ResourceRegistry registry;
    private final Map<String, Supplier<Object>> instancesById = new ConcurrentHashMap<>();

    public ResourceBeans(ResourceRegistry registry) {
        this.registry = registry;
    }

    public void register(AfterBeanDiscovery abd, Map<String, Set<Type>> typesByName) {
        abd.addContext(new AttachedContext(this));
        typesByName.forEach((name, types) -> types.forEach(type -> {
            String id = "dev.attached#" + name + "#" + type.getTypeName();
            Supplier<Object> instance = instance(registry.slot(name), type);
            instancesById.put(id, instance);
            abd.addBean()
                    .id(id)
                    .beanClass(ResourceBeans.class)
                    .types(type, Object.class)
                    .qualifiers(AttachedResource.Literal.of(name), Any.Literal.INSTANCE)
                    .scope(AttachedScoped.class)
                    .produceWith(i -> instance.get());
        }));
        abd.addBean()
                .id("dev.attached#resources")
                .beanClass(ResourceBeans.class)
                .types(AttachedResources.class, Object.class)
                .scope(Singleton.class)
                .produceWith(i -> registry);
    }

    /** Called once per bean by {@link AttachedContext}. */
    Supplier<Object> instanceFor(Contextual<?> contextual) {
        if (contextual instanceof PassivationCapable capable && instancesById.containsKey(capable.getId())) {
            return instancesById.get(capable.getId());
        }
        Bean<?> bean = (Bean<?>) contextual;
        String name = bean.getQualifiers().stream()
                .filter(AttachedResource.class::isInstance)
                .map(q -> ((AttachedResource) q).value())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(Messages.notAResourceBean(bean)));
        Type type = bean.getTypes().stream().filter(t -> t != Object.class).findFirst()
                .orElseThrow(() -> new IllegalStateException(Messages.notAResourceBean(bean)));
        return instance(registry.slot(name), type);
    }

    private static <T> Supplier<Object> instance(ResourceSlot<?, T> slot, Type type) {
        if (type == ResourceHandle.class) {
            Object handle = new HandleReference(slot);
            return () -> handle;
        }
        ResourceKind<?, T> kind = slot.kind();
        Object reference = kind.reference(type, slot);
        if (reference == null && InterfaceReference.raw(type).isInterface()) {
            reference = InterfaceReference.create(slot, type);
        }
        if (reference != null) {
            Object stable = reference;
            return () -> stable;
        }
        return () -> kind.view(slot.resource(), type);
    }
}
