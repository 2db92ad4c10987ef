package dev.attached.impl.runtime;

import dev.attached.ResourceEvent;

/** Where slots report what happens to their resources: CDI events in a container. */
public interface ResourceEvents {

    void fire(ResourceEvent event);
}
