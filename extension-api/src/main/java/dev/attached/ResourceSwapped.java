package dev.attached;

/**
 * Fired, qualified with {@code @AttachedResource(name)}, after new work has moved to a new generation of a resource:
 *
 * <pre>
 * void swapped(&#64;Observes &#64;AttachedResource("orders-db") ResourceSwapped event) { ... }
 * </pre>
 *
 * @param name the resource name
 * @param generation the new generation
 * @param location the new location, masked
 * @param previousLocation the location it replaced, masked; empty when the resource was detached before
 */
public record ResourceSwapped(String name, long generation, String location, String previousLocation)
        implements
            ResourceEvent {
}
