package dev.attached.impl.kind;

import java.util.Arrays;

import io.agroal.api.cache.Acquirable;
import io.agroal.api.cache.ConnectionCache;

import dev.attached.impl.runtime.GenerationGate;

/**
 * The pool's connection cache: the connection each thread gave back last, kept in the pool (in one slot per stripe of
 * threads, the gate's stripes), and the place where the pool tells its gate that a connection came back.
 *
 * <p>
 * In the pool, not in the thread: Agroal's own cache keeps the connection in a thread-local, and the connection
 * reaches the pool, so every long-lived thread that ever used a pool would keep it, closed or not, reachable forever:
 * one leaked pool per swap in a server whose worker threads live for days. Here nothing of the pool's is reachable
 * from a thread. A slot is a hint, as Agroal's cache is: the connection is taken only if it can be acquired, so two
 * threads of one stripe at most miss the cache and take a connection from the pool's list. Finding the slot is an
 * array index where a thread-local is a hash lookup.
 *
 * <p>
 * The gate: Agroal hands every returned connection to {@link #put}, once per return, after resetting it and before
 * marking it available. (Agroal skips the cache only when it shrinks a pool whose maximum was lowered at run time,
 * which Attached never does, or for a connection enlisted in a transaction, which needs a transaction manager
 * Attached does not configure.) Counting the return here costs one atomic add, where a pool listener made Agroal
 * call out four times per loan.
 */
final class StripedConnectionCache implements ConnectionCache {

    /** References from one slot to the next: 128 bytes or more, so threads of different stripes share no line. */
    private static final int PAD = 32;

    private final GenerationGate gate;
    // slot i is slots[(i + 1) * PAD]. Plain reads and writes: a slot read stale holds a connection that is taken,
    // and acquiring it fails, as it would for any connection another thread took first
    private final Acquirable[] slots = new Acquirable[(GenerationGate.stripeCount() + 1) * PAD];

    StripedConnectionCache(GenerationGate gate) {
        this.gate = gate;
    }

    @Override
    public Acquirable get() {
        Acquirable cached = slots[slot()];
        return cached != null && cached.acquire() ? cached : null;
    }

    @Override
    public void put(Acquirable acquirable) {
        if (acquirable.isAcquirable()) {
            int slot = slot();
            if (slots[slot] != acquirable) { // a thread mostly gets back the same connection: no write
                slots[slot] = acquirable;
            }
        }
        gate.leave(); // the loan is over: last, since a retired pool may close from here on
    }

    @Override
    public void reset() {
        Arrays.fill(slots, null);
    }

    private static int slot() {
        return (GenerationGate.stripeOfThisThread() + 1) * PAD;
    }
}
