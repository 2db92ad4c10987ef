package dev.attached.impl.kind;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Logger;

import dev.attached.ResourceHandle;
import dev.attached.impl.Messages;
import dev.attached.spi.ResourceKind;

/** The kinds found by {@code ServiceLoader}, by the type they are injected as. */
public final class Kinds {

    private static final Logger LOG = Logger.getLogger(Kinds.class.getName());

    private final Map<Type, ResourceKind<?>> byType = new LinkedHashMap<>();

    private Kinds() {
    }

    /** Loads every kind visible to {@code loader}; a kind whose type is missing (no Jakarta Mail) is skipped. */
    public static Kinds load(ClassLoader loader) {
        Kinds kinds = new Kinds();
        for (ServiceLoader.Provider<ResourceKind> provider : ServiceLoader.load(ResourceKind.class, loader)
                .stream().toList()) {
            try {
                ResourceKind<?> kind = provider.get();
                ResourceKind<?> previous = kinds.byType.putIfAbsent(kind.type(), kind);
                if (previous != null) {
                    LOG.warning(Messages.kindsClash(previous.name(), kind.name(), kind.type().getName()));
                }
            } catch (java.util.ServiceConfigurationError | LinkageError e) {
                LOG.fine(() -> "Resource kind skipped, its type is not on the class path: " + e);
            }
        }
        return kinds;
    }

    public Optional<ResourceKind<?>> forType(Type type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The handle kind is the view every resource also offers. */
    public static boolean isHandle(Type type) {
        return type == ResourceHandle.class;
    }

    public Iterable<String> typeNames() {
        return byType.keySet().stream().map(Type::getTypeName).sorted().toList();
    }
}
