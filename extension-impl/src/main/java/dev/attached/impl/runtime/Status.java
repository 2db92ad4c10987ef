package dev.attached.impl.runtime;

import java.time.Instant;
import java.util.Optional;

import dev.attached.ResourceState;
import dev.attached.ResourceStatus;

/** An immutable status snapshot; every text in it was masked before it got here. */
record Status(String name, String kind, ResourceState state, long generation, String location,
        Optional<String> lastError, Instant since) implements ResourceStatus {

    Status withError(String error) {
        return new Status(name, kind, state, generation, location, Optional.of(error), since);
    }
}
