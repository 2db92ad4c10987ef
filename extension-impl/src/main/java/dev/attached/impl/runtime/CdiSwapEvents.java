package dev.attached.impl.runtime;

import jakarta.enterprise.inject.spi.BeanManager;

import dev.attached.AttachedResource;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/** Fires swap events as CDI events qualified {@code @AttachedResource(name)}. */
public final class CdiSwapEvents implements SwapEvents {

    private final BeanManager beanManager;

    public CdiSwapEvents(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    @Override
    public void swapped(ResourceSwapped event) {
        beanManager.getEvent().select(ResourceSwapped.class, AttachedResource.Literal.of(event.name())).fire(event);
    }

    @Override
    public void failed(ResourceSwapFailed event) {
        beanManager.getEvent().select(ResourceSwapFailed.class, AttachedResource.Literal.of(event.name()))
                .fire(event);
    }
}
