package dev.attached.kind.memcached.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.attached.AttachedResource;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/** Observes the swap events of resource "cache", as an application would. */
@ApplicationScoped
public class SwapEvents {

    private final List<ResourceSwapped> swapped = new CopyOnWriteArrayList<>();
    private final List<ResourceSwapFailed> failed = new CopyOnWriteArrayList<>();

    public List<ResourceSwapped> swapped() {
        return List.copyOf(swapped);
    }

    public List<ResourceSwapFailed> failed() {
        return List.copyOf(failed);
    }

    void onSwap(@Observes @AttachedResource("cache") ResourceSwapped event) {
        swapped.add(event);
    }

    void onFailure(@Observes @AttachedResource("cache") ResourceSwapFailed event) {
        failed.add(event);
    }
}
