package dev.attached.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The most recent history entries of the application, at most {@code capacity}: the oldest is dropped when a new one
 * comes, so a resource that fails to swap every second cannot grow it.
 */
public final class History {

    private final int capacity;
    private final Deque<HistoryEntry> entries;

    public History(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a history holds at least one entry, not " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    public synchronized void add(HistoryEntry entry) {
        if (entries.size() == capacity) {
            entries.removeLast();
        }
        entries.addFirst(entry);
    }

    /** The entries kept, newest first. */
    public synchronized List<HistoryEntry> newestFirst() {
        return new ArrayList<>(entries);
    }

    public int capacity() {
        return capacity;
    }
}
