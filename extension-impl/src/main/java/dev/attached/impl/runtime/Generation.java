package dev.attached.impl.runtime;

import dev.attached.impl.config.Handle;

/** One opened resource and the configuration it was opened from. */
public record Generation<T>(long number, Handle handle, T resource) {

    @Override
    public String toString() {
        return "generation " + number + " at " + handle.location();
    }
}
