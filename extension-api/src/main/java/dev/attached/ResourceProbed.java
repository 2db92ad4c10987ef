package dev.attached;

import java.time.Duration;
import java.util.Optional;

/**
 * Fired, qualified with {@code @AttachedResource(name)}, when a readiness probe of the resource returns. A probe
 * that never returns is reported by the readiness check (DOWN at its timeout), not by this event.
 *
 * @param name the resource name
 * @param generation the generation probed
 * @param up whether the backing service answered
 * @param took how long the probe ran
 * @param error why it did not answer, masked; empty when it did
 */
public record ResourceProbed(String name, long generation, boolean up, Duration took, Optional<String> error)
        implements
            ResourceEvent {
}
