package dev.attached.impl.inject;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Provider;

import dev.attached.AttachedResource;
import dev.attached.impl.Messages;
import dev.attached.impl.kind.Kinds;
import dev.attached.spi.ResourceKind;

/**
 * Collects every {@code @AttachedResource} injection point and decides, for each name, its kind and the types it
 * must be injectable as. Problems are collected, not thrown, so a user sees all of them at once.
 */
public final class InjectionPoints {

    private static final Pattern NAME = Pattern.compile(Messages.NAME_PATTERN);

    private record Use(String name, Type type, InjectionPoint injectionPoint) {
    }

    private final List<Use> uses = new ArrayList<>();

    /** Records an injection point if it is qualified {@code @AttachedResource}. */
    public void add(InjectionPoint injectionPoint) {
        for (var qualifier : injectionPoint.getQualifiers()) {
            if (qualifier instanceof AttachedResource resource) {
                uses.add(new Use(resource.value(), injectedType(injectionPoint.getType()), injectionPoint));
            }
        }
    }

    /** The outcome: each name's kind and types, and every definition error found. */
    public record Resolution(Map<String, ResourceKind<?, ?>> kinds, Map<String, Set<Type>> types, List<String> errors) {
    }

    public Resolution resolve(Kinds kinds) {
        Map<String, ResourceKind<?, ?>> kindByName = new TreeMap<>();
        Map<String, Use> firstUse = new LinkedHashMap<>();
        Map<String, Set<Type>> types = new TreeMap<>();
        Set<String> errors = new LinkedHashSet<>();
        for (Use use : uses) {
            if (!NAME.matcher(use.name).matches()) {
                errors.add(Messages.invalidName(use.name, describe(use.injectionPoint)));
                continue;
            }
            Optional<ResourceKind<?, ?>> kind = kinds.forType(use.type);
            if (kind.isEmpty()) {
                errors.add(Messages.unknownKind(use.name, use.type.getTypeName(), describe(use.injectionPoint),
                        supported(kinds)));
                continue;
            }
            ResourceKind<?, ?> known = kindByName.get(use.name);
            if (Kinds.isHandle(use.type)) {
                // every resource can be viewed as a handle; a name injected only as a handle is of the handle kind
                kindByName.putIfAbsent(use.name, kind.get());
            } else if (known == null || Kinds.isHandle(known.type())) {
                kindByName.put(use.name, kind.get());
                firstUse.put(use.name, use);
            } else if (known != kind.get()) {
                errors.add(Messages.twoKinds(use.name, known.name(), describe(firstUse.get(use.name).injectionPoint),
                        kind.get().name(), describe(use.injectionPoint)));
                continue;
            }
            types.computeIfAbsent(use.name, n -> new LinkedHashSet<>()).add(use.type);
        }
        return new Resolution(kindByName, types, List.copyOf(errors));
    }

    private static List<String> supported(Kinds kinds) {
        List<String> names = new ArrayList<>();
        kinds.typeNames().forEach(names::add);
        return names;
    }

    /** {@code Instance<T>} and {@code Provider<T>} inject a T. */
    private static Type injectedType(Type type) {
        if (type instanceof ParameterizedType parameterized
                && (parameterized.getRawType() == Instance.class || parameterized.getRawType() == Provider.class)) {
            return parameterized.getActualTypeArguments()[0];
        }
        return type;
    }

    /** "field OrderService.orders", "parameter 1 of OrderService.<init>", as users find them in their code. */
    static String describe(InjectionPoint ip) {
        var member = ip.getMember();
        String owner = member.getDeclaringClass().getName() + "." + member.getName();
        if (ip.getAnnotated() instanceof jakarta.enterprise.inject.spi.AnnotatedParameter<?> parameter) {
            return "parameter " + parameter.getPosition() + " of " + owner + "()";
        }
        return owner;
    }
}
