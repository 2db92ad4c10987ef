package dev.attached.impl.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.attached.AttachedResource;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/** Observes the swap events of resource "orders-db", as an application would. */
@ApplicationScoped
public class SwapRecorder {

    private final List<ResourceSwapped> swapped = new CopyOnWriteArrayList<>();
    private final List<ResourceSwapFailed> failed = new CopyOnWriteArrayList<>();

    public List<ResourceSwapped> swapped() {
        return List.copyOf(swapped);
    }

    public List<ResourceSwapFailed> failed() {
        return List.copyOf(failed);
    }

    void onSwap(@Observes @AttachedResource("orders-db") ResourceSwapped event) {
        swapped.add(event);
    }

    void onFailure(@Observes @AttachedResource("orders-db") ResourceSwapFailed event) {
        failed.add(event);
    }
}
