package dev.attached;

/**
 * Fired, qualified with {@code @AttachedResource(name)}, when a changed configuration could not be opened or did not
 * answer its probe. The previous generation keeps serving.
 *
 * @param name the resource name
 * @param generation the generation still in use
 * @param location the location that was tried, masked
 * @param error why it failed, masked
 */
public record ResourceSwapFailed(String name, long generation, String location, String error)
        implements
            ResourceEvent {
}
