package dev.attached.impl.runtime;

import java.time.Instant;
import java.util.Optional;

import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.ResourceUsage;

/** An immutable status snapshot; every text in it was masked before it got here. */
record Status(String name, String kind, ResourceState state, long generation, String location,
        Optional<String> lastError, Instant since, Optional<ResourceUsage> usage) implements ResourceStatus {

    Status(String name, String kind, ResourceState state, long generation, String location,
            Optional<String> lastError, Instant since) {
        this(name, kind, state, generation, location, lastError, since, Optional.empty());
    }

    Status withError(String error) {
        return new Status(name, kind, state, generation, location, Optional.of(error), since, usage);
    }

    /** This snapshot with the usage read now: usage changes with every call, so it is never kept in the state. */
    Status withUsage(Optional<ResourceUsage> now) {
        return new Status(name, kind, state, generation, location, lastError, since, now);
    }
}
