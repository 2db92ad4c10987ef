package dev.attached.impl.runtime;

import java.lang.annotation.Annotation;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.BeanManager;

import dev.attached.AttachedResource;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/**
 * Fires swap events as CDI events qualified {@code @AttachedResource(name)}. Swaps usually happen on a thread of
 * Attached's own, where no request context is active; one is activated for the observers, as they would have on a
 * request thread.
 */
public final class CdiSwapEvents implements SwapEvents {

    private final BeanManager beanManager;

    public CdiSwapEvents(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    @Override
    public void swapped(ResourceSwapped event) {
        fire(event, ResourceSwapped.class, event.name());
    }

    @Override
    public void failed(ResourceSwapFailed event) {
        fire(event, ResourceSwapFailed.class, event.name());
    }

    private <E> void fire(E event, Class<E> type, String name) {
        Annotation qualifier = AttachedResource.Literal.of(name);
        RequestContextController requestContext = beanManager.createInstance()
                .select(RequestContextController.class).get();
        boolean activated = requestContext.activate();
        try {
            beanManager.getEvent().select(type, qualifier).fire(event);
        } finally {
            if (activated) {
                requestContext.deactivate();
            }
        }
    }
}
