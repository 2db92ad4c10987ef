package dev.attached.kind.s3.testing;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.attached.AttachedResource;
import dev.attached.ResourceSwapped;

/**
 * When the resource {@code assets} was last swapped, by {@link System#nanoTime()}: Attached fires the event after the
 * new generation took over, so whatever starts after this instant runs on the new one.
 */
@ApplicationScoped
public class SwapClock {

    private final AtomicLong swappedNanos = new AtomicLong();

    void onSwap(@Observes @AttachedResource("assets") ResourceSwapped event) {
        swappedNanos.set(System.nanoTime());
    }

    /** The instant of the last swap; 0 before the first. */
    public long swappedNanos() {
        return swappedNanos.get();
    }
}
