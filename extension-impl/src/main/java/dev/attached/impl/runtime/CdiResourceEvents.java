package dev.attached.impl.runtime;

import java.lang.annotation.Annotation;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.BeanManager;

import dev.attached.AttachedResource;
import dev.attached.ResourceEvent;

/**
 * Fires resource events as CDI events qualified {@code @AttachedResource(name)}. Swaps usually happen on a thread of
 * Attached's own, where no request context is active; one is activated for the observers, as they would have on a
 * request thread.
 */
public final class CdiResourceEvents implements ResourceEvents {

    private final BeanManager beanManager;

    public CdiResourceEvents(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    @Override
    public void fire(ResourceEvent event) {
        Annotation qualifier = AttachedResource.Literal.of(event.name());
        RequestContextController requestContext = beanManager.createInstance()
                .select(RequestContextController.class).get();
        boolean activated = requestContext.activate();
        try {
            beanManager.getEvent().select(qualifier).fire(event); // observed by its runtime type and supertypes
        } finally {
            if (activated) {
                requestContext.deactivate();
            }
        }
    }
}
