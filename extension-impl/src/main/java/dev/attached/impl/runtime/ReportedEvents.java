package dev.attached.impl.runtime;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;
import dev.attached.impl.Messages;

/**
 * Reports swaps to the events target once there is one, and keeps an observer's failure from changing a swap's
 * outcome: the swap has happened whatever an observer does, so its exception is logged, never thrown.
 */
final class ReportedEvents implements SwapEvents {

    private static final Logger LOG = Logger.getLogger(ReportedEvents.class.getName());

    private static final SwapEvents NOBODY = new SwapEvents() {
        @Override
        public void swapped(ResourceSwapped event) {
        }

        @Override
        public void failed(ResourceSwapFailed event) {
        }
    };

    private volatile SwapEvents target = NOBODY;

    void reportTo(SwapEvents target) {
        this.target = target;
    }

    /** The application is shutting down: its observers are gone. */
    void stop() {
        target = NOBODY;
    }

    @Override
    public void swapped(ResourceSwapped event) {
        try {
            target.swapped(event);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, Messages.observerFailed(event.name(), "ResourceSwapped", e));
        }
    }

    @Override
    public void failed(ResourceSwapFailed event) {
        try {
            target.failed(event);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, Messages.observerFailed(event.name(), "ResourceSwapFailed", e));
        }
    }
}
