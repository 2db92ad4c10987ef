package dev.attached;

import java.time.Duration;

/**
 * Fired, qualified with {@code @AttachedResource(name)}, when a replaced or detached generation has been closed: once
 * its work was done, or at {@code drain-timeout}, cutting what was still in use.
 *
 * @param name the resource name
 * @param generation the generation that was closed
 * @param location its location, masked
 * @param took from its retirement to its closing
 * @param cut how many calls or lent units (borrowed connections, open channels) the drain timeout cut; 0 when its
 *        work ended by itself
 */
public record ResourceDrained(String name, long generation, String location, Duration took, int cut)
        implements
            ResourceEvent {

    /** Whether the drain timeout cut work that was still in use. */
    public boolean wasCut() {
        return cut > 0;
    }
}
