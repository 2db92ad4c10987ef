package dev.attached;

/**
 * Fired, qualified with {@code @AttachedResource(name)}, when the resource's url was removed: calls fail fast until
 * one is set again. The generation that was in use finishes its work and is closed ({@link ResourceDrained}).
 *
 * @param name the resource name
 * @param generation the generation that was in use
 * @param previousLocation its location, masked
 */
public record ResourceDetached(String name, long generation, String previousLocation) implements ResourceEvent {
}
