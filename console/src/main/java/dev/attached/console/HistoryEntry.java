package dev.attached.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.attached.ResourceDetached;
import dev.attached.ResourceDrained;
import dev.attached.ResourceEvent;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/**
 * One thing that happened to a resource, as the history shows it. Texts come from the events, which Attached masks.
 *
 * @param at when the console was told
 * @param resource the resource name
 * @param change what happened
 * @param generation the generation it is about (the new one for a swap, the one still serving for a failed swap, the
 *        closed one for a drain)
 * @param location the location it is about (the new one, the one tried, the one detached or closed)
 * @param previousLocation for a swap, the location it replaced; empty otherwise
 * @param error for a failed swap, why; empty otherwise
 * @param took for a drain, how long the closed generation took to finish its work; empty otherwise
 * @param cut for a drain, how many units of work the drain timeout cut
 */
public record HistoryEntry(Instant at, String resource, Change change, long generation, String location,
        Optional<String> previousLocation, Optional<String> error, Optional<Duration> took, int cut) {

    /** What happened, by the name the JSON and the page use. */
    public enum Change {
        ATTACHED("attached"), SWAPPED("swapped"), SWAP_FAILED("swap-failed"), DETACHED("detached"), DRAINED(
                "drained"), CUT("cut");

        private final String label;

        Change(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The entry for an event, or empty for events the history does not keep (readiness probes, unknown types). */
    public static Optional<HistoryEntry> of(ResourceEvent event, Instant at) {
        if (event instanceof ResourceSwapped e) {
            boolean first = e.previousLocation().isEmpty();
            return Optional.of(new HistoryEntry(at, e.name(), first ? Change.ATTACHED : Change.SWAPPED,
                    e.generation(), e.location(), first ? Optional.empty() : Optional.of(e.previousLocation()),
                    Optional.empty(), Optional.empty(), 0));
        }
        if (event instanceof ResourceSwapFailed e) {
            return Optional.of(new HistoryEntry(at, e.name(), Change.SWAP_FAILED, e.generation(), e.location(),
                    Optional.empty(), Optional.of(e.error()), Optional.empty(), 0));
        }
        if (event instanceof ResourceDetached e) {
            return Optional.of(new HistoryEntry(at, e.name(), Change.DETACHED, e.generation(), e.previousLocation(),
                    Optional.empty(), Optional.empty(), Optional.empty(), 0));
        }
        if (event instanceof ResourceDrained e) {
            return Optional.of(new HistoryEntry(at, e.name(), e.wasCut() ? Change.CUT : Change.DRAINED,
                    e.generation(), e.location(), Optional.empty(), Optional.empty(), Optional.of(e.took()),
                    e.cut()));
        }
        return Optional.empty();
    }
}
