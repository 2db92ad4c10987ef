package dev.attached.impl.runtime;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.attached.ResourceEvent;
import dev.attached.impl.Messages;

/**
 * Reports events to the events target once there is one, and keeps an observer's failure from changing what
 * happened: the swap has happened whatever an observer does, so its exception is logged, never thrown.
 */
final class ReportedEvents implements ResourceEvents {

    private static final Logger LOG = Logger.getLogger(ReportedEvents.class.getName());

    private static final ResourceEvents NOBODY = event -> {
    };

    private volatile ResourceEvents target = NOBODY;

    void reportTo(ResourceEvents target) {
        this.target = target;
    }

    /** The application is shutting down: its observers are gone. */
    void stop() {
        target = NOBODY;
    }

    @Override
    public void fire(ResourceEvent event) {
        try {
            target.fire(event);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, Messages.observerFailed(event.name(), event.getClass().getSimpleName(), e));
        }
    }
}
