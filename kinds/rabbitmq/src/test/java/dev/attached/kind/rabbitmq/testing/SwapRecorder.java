package dev.attached.kind.rabbitmq.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.attached.AttachedResource;
import dev.attached.ResourceSwapFailed;

/** Observes the failed swaps of resource "events". */
@ApplicationScoped
public class SwapRecorder {

    private final List<ResourceSwapFailed> failed = new CopyOnWriteArrayList<>();

    public List<ResourceSwapFailed> failed() {
        return List.copyOf(failed);
    }

    void onFailure(@Observes @AttachedResource("events") ResourceSwapFailed event) {
        failed.add(event);
    }
}
