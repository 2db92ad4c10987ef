package dev.attached.kind.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/**
 * Observes the swap events of every resource, as an application would observe one resource's: add it to a
 * {@link TestApp}'s beans and {@link TestApp#select select} it. An observer without a qualifier sees the events of
 * every {@code @AttachedResource(name)}; each event names its resource.
 */
@ApplicationScoped
public class SwapRecorder {

    private final List<ResourceSwapped> swapped = new CopyOnWriteArrayList<>();
    private final List<ResourceSwapFailed> failed = new CopyOnWriteArrayList<>();

    /** Every {@link ResourceSwapped} so far, in order. */
    public List<ResourceSwapped> swapped() {
        return List.copyOf(swapped);
    }

    /** Every {@link ResourceSwapFailed} so far, in order. */
    public List<ResourceSwapFailed> failed() {
        return List.copyOf(failed);
    }

    void onSwap(@Observes ResourceSwapped event) {
        swapped.add(event);
    }

    void onFailure(@Observes ResourceSwapFailed event) {
        failed.add(event);
    }
}
