package dev.attached.console;

import java.util.Optional;

import dev.attached.ResourceProbed;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/**
 * The latest events of one resource the console has seen: its readiness is its last probe, and the last swap and last
 * failed swap stay shown after the history has moved on.
 *
 * @param probe the last readiness probe that returned
 * @param swap the last swap (or first attach)
 * @param failure the last swap that failed
 */
public record LastSeen(Optional<Seen<ResourceProbed>> probe, Optional<Seen<ResourceSwapped>> swap,
        Optional<Seen<ResourceSwapFailed>> failure) {

    /** Nothing seen yet. */
    public static final LastSeen NOTHING = new LastSeen(Optional.empty(), Optional.empty(), Optional.empty());

    LastSeen withProbe(Seen<ResourceProbed> seen) {
        return new LastSeen(Optional.of(seen), swap, failure);
    }

    LastSeen withSwap(Seen<ResourceSwapped> seen) {
        return new LastSeen(probe, Optional.of(seen), failure);
    }

    LastSeen withFailure(Seen<ResourceSwapFailed> seen) {
        return new LastSeen(probe, swap, Optional.of(seen));
    }
}
