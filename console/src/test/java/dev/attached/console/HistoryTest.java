package dev.attached.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.attached.ResourceDetached;
import dev.attached.ResourceDrained;
import dev.attached.ResourceEvent;
import dev.attached.ResourceProbed;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;
import dev.attached.console.HistoryEntry.Change;

class HistoryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void keepsTheMostRecentEntriesNewestFirst() {
        History history = new History(3);
        LongStream.rangeClosed(1, 5).forEach(generation -> history.add(swap(generation)));

        assertEquals(List.of(5L, 4L, 3L), generations(history.newestFirst()));
    }

    @Test
    void theApplicationKeepsAHundredEntriesOverAllItsResources() {
        EventRecorder recorder = new EventRecorder();
        for (long generation = 2; generation <= 151; generation++) {
            String name = generation % 2 == 0 ? "orders-db" : "stock-db";
            recorder.record(new ResourceSwapped(name, generation, "jdbc:h2:mem:" + generation, "jdbc:h2:mem:x"),
                    T0.plusSeconds(generation));
        }

        List<HistoryEntry> history = recorder.history();
        assertEquals(EventRecorder.HISTORY_SIZE, history.size());
        assertEquals(151, history.get(0).generation());
        assertEquals(52, history.get(99).generation());
    }

    @Test
    void aHistoryHoldsAtLeastOneEntry() {
        assertThrows(IllegalArgumentException.class, () -> new History(0));
    }

    @Test
    void theFirstSwapIsTheAttach() {
        HistoryEntry attached = entry(new ResourceSwapped("orders-db", 1, "jdbc:h2:mem:a", ""));
        HistoryEntry swapped = entry(new ResourceSwapped("orders-db", 2, "jdbc:h2:mem:b", "jdbc:h2:mem:a"));

        assertEquals(Change.ATTACHED, attached.change());
        assertEquals(Optional.empty(), attached.previousLocation());
        assertEquals(Change.SWAPPED, swapped.change());
        assertEquals(Optional.of("jdbc:h2:mem:a"), swapped.previousLocation());
        assertEquals("jdbc:h2:mem:b", swapped.location());
    }

    @Test
    void aFailedSwapKeepsItsReasonAndTheGenerationStillServing() {
        HistoryEntry failed = entry(new ResourceSwapFailed("orders-db", 1, "jdbc:h2:tcp://db:1/x", "refused"));

        assertEquals(Change.SWAP_FAILED, failed.change());
        assertEquals(1, failed.generation());
        assertEquals(Optional.of("refused"), failed.error());
    }

    @Test
    void aDetachNamesTheLocationLeft() {
        HistoryEntry detached = entry(new ResourceDetached("orders-db", 3, "jdbc:h2:mem:b"));

        assertEquals(Change.DETACHED, detached.change());
        assertEquals("jdbc:h2:mem:b", detached.location());
    }

    @Test
    void aDrainIsCutWhenItsTimeoutCutWorkInUse() {
        HistoryEntry drained = entry(new ResourceDrained("orders-db", 1, "jdbc:h2:mem:a", Duration.ofMillis(4), 0));
        HistoryEntry cut = entry(new ResourceDrained("orders-db", 2, "jdbc:h2:mem:b", Duration.ofSeconds(30), 3));

        assertEquals(Change.DRAINED, drained.change());
        assertEquals(Optional.of(Duration.ofMillis(4)), drained.took());
        assertEquals(Change.CUT, cut.change());
        assertEquals(3, cut.cut());
    }

    @Test
    void probesAreNoHistory() {
        assertTrue(HistoryEntry.of(new ResourceProbed("orders-db", 1, true, Duration.ofMillis(2), Optional.empty()),
                T0).isEmpty());
    }

    @Test
    void theRecorderKeepsEachResourcesLastProbeSwapAndFailure() {
        EventRecorder recorder = new EventRecorder();
        ResourceProbed probe = new ResourceProbed("orders-db", 1, false, Duration.ofMillis(9), Optional.of("down"));
        ResourceSwapped swap = new ResourceSwapped("orders-db", 2, "jdbc:h2:mem:b", "jdbc:h2:mem:a");
        ResourceSwapFailed failure = new ResourceSwapFailed("orders-db", 2, "jdbc:h2:mem:c", "refused");
        recorder.record(probe, T0);
        recorder.record(swap, T0.plusSeconds(1));
        recorder.record(failure, T0.plusSeconds(2));

        LastSeen seen = recorder.lastSeen("orders-db");
        assertEquals(Optional.of(new Seen<>(T0, probe)), seen.probe());
        assertEquals(Optional.of(new Seen<>(T0.plusSeconds(1), swap)), seen.swap());
        assertEquals(Optional.of(new Seen<>(T0.plusSeconds(2), failure)), seen.failure());
        assertEquals(LastSeen.NOTHING, recorder.lastSeen("stock-db"));
        assertEquals(List.of(Change.SWAP_FAILED, Change.SWAPPED),
                recorder.history().stream().map(HistoryEntry::change).toList());
    }

    private static HistoryEntry swap(long generation) {
        return entry(new ResourceSwapped("orders-db", generation, "jdbc:h2:mem:" + generation, "jdbc:h2:mem:x"));
    }

    private static HistoryEntry entry(ResourceEvent event) {
        return HistoryEntry.of(event, T0).orElseThrow();
    }

    private static List<Long> generations(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::generation).toList();
    }
}
