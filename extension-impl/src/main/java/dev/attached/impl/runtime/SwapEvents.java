package dev.attached.impl.runtime;

import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/** Where a slot reports its swaps: CDI events in a container. */
public interface SwapEvents {

    void swapped(ResourceSwapped event);

    void failed(ResourceSwapFailed event);
}
