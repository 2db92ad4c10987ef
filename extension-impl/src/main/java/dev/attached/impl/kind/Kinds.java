package dev.attached.impl.kind;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;

import dev.attached.ResourceHandle;
import dev.attached.impl.Messages;
import dev.attached.spi.ResourceKind;

/** The kinds found by {@code ServiceLoader}, by the types they are injected as. */
public final class Kinds {

    private static final Logger LOG = Logger.getLogger(Kinds.class.getName());

    /** A class path whose every listed kind fails stops being read here, rather than spinning. */
    private static final int MAX_SKIPPED = 100;

    private final Map<Type, ResourceKind<?, ?>> byType = new LinkedHashMap<>();
    private final List<ResourceKind<?, ?>> all = new ArrayList<>();

    private Kinds() {
    }

    /**
     * Loads every kind visible to {@code loader}. A kind whose client library is missing (the mail kind without
     * Jakarta Mail) fails while the loader resolves it; it is skipped and the next one is looked at.
     */
    public static Kinds load(ClassLoader loader) {
        Kinds kinds = new Kinds();
        @SuppressWarnings("rawtypes")
        Iterator<ResourceKind> found = ServiceLoader.load(ResourceKind.class, loader).iterator();
        for (int skipped = 0; skipped < MAX_SKIPPED;) {
            ResourceKind<?, ?> kind;
            try {
                if (!found.hasNext()) {
                    break;
                }
                kind = found.next();
                kind.types().forEach(type -> kinds.add(type, kind));
                kinds.all.add(kind);
            } catch (ServiceConfigurationError | LinkageError e) {
                skipped++;
                LOG.fine(() -> "Resource kind skipped, its client library is not on the class path: " + e);
            }
        }
        return kinds;
    }

    private void add(Type type, ResourceKind<?, ?> kind) {
        ResourceKind<?, ?> previous = byType.putIfAbsent(type, kind);
        if (previous != null && previous.getClass() != kind.getClass()) {
            LOG.warning(Messages.kindsClash(previous.name(), kind.name(), type.getTypeName()));
        }
    }

    /** The kind that lists {@code type}, else the first (in class path order) that says it serves it. */
    public Optional<ResourceKind<?, ?>> forType(Type type) {
        ResourceKind<?, ?> listed = byType.get(type);
        if (listed != null) {
            return Optional.of(listed);
        }
        return all.stream().filter(kind -> kind.serves(type)).findFirst();
    }

    /** The handle kind is the view every resource also offers. */
    public static boolean isHandle(Type type) {
        return type == ResourceHandle.class;
    }

    public Iterable<String> typeNames() {
        return byType.keySet().stream().map(Type::getTypeName).sorted().toList();
    }
}
