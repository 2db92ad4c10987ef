package dev.attached.impl.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counts what is inside a generation (callers, and whatever a kind lends out on their behalf), refuses newcomers once
 * the generation is retired, and from then on tells the drain every time something leaves. A generation has one; a
 * kind may keep one of its own for its resource, so that a call and the unit it lends out are counted once, not
 * twice (the DataSource's pool: a connection's loan begins when its caller enters and ends when it is returned).
 *
 * <p>
 * Entering and leaving are one atomic add each, on a counter of the calling thread's own (threads are spread over
 * padded stripes by id), so threads on different processors never write to one cache line: the cost of a call does
 * not grow with the number of threads. Unit and counter need not match: a connection borrowed on one thread may be
 * returned on another; only the sum means anything.
 *
 * <p>
 * Why nothing is ever cut: entering adds first and then looks at the flag, and {@link #retire} sets the flag first
 * and then (through the drain) sums, all of them volatile accesses. So a caller that did not see the flag was already
 * counted in any sum taken after retirement; one that saw it leaves again, and its leaving triggers a new look. The
 * last to leave a retired gate always sees the sum reach zero.
 */
public final class GenerationGate {

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Longs from one stripe to the next: 128 bytes, a cache line and the one prefetched along with it. */
    private static final int PAD = 16;
    private static final int STRIPES = stripes(Runtime.getRuntime().availableProcessors());
    private static final Runnable NOBODY = () -> {
    };

    // stripe i is cells[(i + 1) * PAD]: padded on both sides, away from the array's header
    private final long[] cells = new long[(STRIPES + 1) * PAD];
    private volatile boolean retired;
    private volatile Runnable onRelease = NOBODY;

    /** How many stripes a gate has: the same on every gate of this JVM. */
    public static int stripeCount() {
        return STRIPES;
    }

    /** The calling thread's stripe, from 0 to {@link #stripeCount()} - 1. */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19; getId() is the same number
    public static int stripeOfThisThread() {
        return (int) Thread.currentThread().getId() & (STRIPES - 1);
    }

    /** A stripe for every thread of a machine's worth and more, so the threads running at once rarely share one. */
    static int stripes(int processors) {
        int wanted = Integer.highestOneBit(Math.max(1, processors) * 4 - 1) << 1;
        return Math.max(8, Math.min(64, wanted));
    }

    /** Enters unless retired; a caller turned away goes on to the generation that replaced this one. */
    public boolean tryEnter() {
        add(1);
        if (retired) {
            leave();
            return false;
        }
        return true;
    }

    /** Enters whether retired or not: for the kind's own work on a resource it already holds (a probe). */
    public void enter() {
        add(1);
    }

    /** Leaves; once retired, every leaving is a moment the generation may have become idle. */
    public void leave() {
        add(-1);
        if (retired) {
            onRelease.run();
        }
    }

    /** Stops new callers; {@code released} runs whenever something leaves from now on. */
    public void retire(Runnable released) {
        onRelease = released; // before the flag: whoever sees the flag sees the callback
        retired = true;
    }

    public boolean retired() {
        return retired;
    }

    /** What is inside now. Exact once retired; before that a unit moving between threads may be seen half-way. */
    public int inside() {
        long sum = 0;
        for (int i = 1; i <= STRIPES; i++) {
            sum += (long) CELLS.getVolatile(cells, i * PAD);
        }
        return (int) Math.max(0, sum);
    }

    private void add(long delta) {
        CELLS.getAndAdd(cells, (stripeOfThisThread() + 1) * PAD, delta);
    }
}
