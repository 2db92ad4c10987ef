package dev.attached.benchmarks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/** Notes when each swap completed ({@code ResourceSwapped} is fired right after the cutover) and every failed one. */
@ApplicationScoped
public class SwapClock {

    /** A completed swap: the generation it installed, and {@code System.nanoTime()} when it was observed. */
    public record Swap(long generation, String location, long nanos) {
    }

    private final List<Swap> swaps = new CopyOnWriteArrayList<>();
    private final List<ResourceSwapFailed> failures = new CopyOnWriteArrayList<>();

    void swapped(@Observes ResourceSwapped swapped) {
        swaps.add(new Swap(swapped.generation(), swapped.location(), System.nanoTime()));
    }

    void failed(@Observes ResourceSwapFailed failed) {
        failures.add(failed);
    }

    public List<Swap> swaps() {
        return List.copyOf(swaps);
    }

    public List<ResourceSwapFailed> failures() {
        return List.copyOf(failures);
    }

    /** Waits until the swap to {@code generation} was observed; its time, or -1 after {@code millis}. */
    public long awaitGeneration(long generation, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            for (Swap swap : swaps) {
                if (swap.generation() == generation) {
                    return swap.nanos();
                }
            }
            Thread.sleep(1);
        }
        return -1;
    }
}
