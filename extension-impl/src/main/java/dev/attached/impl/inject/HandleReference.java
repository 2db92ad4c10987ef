package dev.attached.impl.inject;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import dev.attached.ResourceHandle;
import dev.attached.impl.runtime.ResourceSlot;

/**
 * The injected {@link ResourceHandle} of any resource: every call reads the configuration of the current
 * generation. While detached, everything but the name fails with a message naming the key to set.
 */
final class HandleReference implements ResourceHandle {

    private final ResourceSlot<?, ?> slot;

    HandleReference(ResourceSlot<?, ?> slot) {
        this.slot = slot;
    }

    @Override
    public String name() {
        return slot.name();
    }

    @Override
    public URI uri() {
        return slot.handle().uri();
    }

    @Override
    public Optional<String> username() {
        return slot.handle().username();
    }

    @Override
    public Optional<String> password() {
        return slot.handle().password();
    }

    @Override
    public Optional<String> property(String key) {
        return slot.handle().property(key);
    }

    @Override
    public Map<String, String> propertiesUnder(String prefix) {
        return slot.handle().propertiesUnder(prefix);
    }

    @Override
    public String toString() {
        return slot.generation().map(g -> g.handle().toString())
                .orElse("ResourceHandle[" + slot.detachedMessage() + "]");
    }
}
