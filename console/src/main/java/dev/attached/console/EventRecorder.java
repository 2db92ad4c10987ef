package dev.attached.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import dev.attached.AttachedResources;
import dev.attached.ResourceEvent;
import dev.attached.ResourceProbed;
import dev.attached.ResourceState;
import dev.attached.ResourceStatus;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/**
 * Observes every resource event of the application and keeps what the console shows of them: the last probe, swap
 * and failed swap of each resource, and the {@value #HISTORY_SIZE} most recent changes. Observers run on the thread
 * that fires (a probe's, a swap's), so recording is a map update and a bounded list insert, nothing more.
 */
@ApplicationScoped
public class EventRecorder {

    /** How many history entries the application keeps, over all its resources. */
    public static final int HISTORY_SIZE = 100;

    private final History history = new History(HISTORY_SIZE);
    private final Map<String, LastSeen> lastSeen = new ConcurrentHashMap<>();

    void observe(@Observes ResourceEvent event) {
        record(event, Instant.now());
    }

    /**
     * Attached opens the resources while the application starts, before observers can be told: their first attach
     * is taken from their status once it has started.
     */
    void started(@Observes @Initialized(ApplicationScoped.class) Object event, AttachedResources resources) {
        for (String name : resources.names()) {
            ResourceStatus status = resources.status(name);
            if (status.state() == ResourceState.ATTACHED && lastSeen(name).swap().isEmpty()) {
                record(new ResourceSwapped(name, status.generation(), status.location(), ""), status.since());
            }
        }
    }

    /** Records an event observed at {@code at}. */
    void record(ResourceEvent event, Instant at) {
        if (event instanceof ResourceProbed probed) {
            update(event.name(), seen -> seen.withProbe(new Seen<>(at, probed)));
        } else if (event instanceof ResourceSwapped swapped) {
            update(event.name(), seen -> seen.withSwap(new Seen<>(at, swapped)));
        } else if (event instanceof ResourceSwapFailed failed) {
            update(event.name(), seen -> seen.withFailure(new Seen<>(at, failed)));
        }
        HistoryEntry.of(event, at).ifPresent(history::add);
    }

    private void update(String name, UnaryOperator<LastSeen> change) {
        lastSeen.compute(name, (n, seen) -> change.apply(seen == null ? LastSeen.NOTHING : seen));
    }

    /** The latest events of a resource; {@link LastSeen#NOTHING} for one the console has seen nothing of. */
    public LastSeen lastSeen(String name) {
        return lastSeen.getOrDefault(name, LastSeen.NOTHING);
    }

    /** The history, newest first. */
    public List<HistoryEntry> history() {
        return history.newestFirst();
    }
}
