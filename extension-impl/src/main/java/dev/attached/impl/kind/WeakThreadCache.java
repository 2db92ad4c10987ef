package dev.attached.impl.kind;

import java.lang.ref.WeakReference;

import io.agroal.api.cache.Acquirable;
import io.agroal.api.cache.ConnectionCache;

import dev.attached.impl.runtime.GenerationGate;

/**
 * Agroal's per-thread connection cache, holding its connection weakly, and the place where the pool tells its gate
 * that a connection came back.
 *
 * <p>
 * Weakly: Agroal's own cache keeps the connection strongly in a thread-local, and the connection reaches the pool, so
 * every long-lived thread that ever used a pool would keep it, closed or not, reachable forever: one leaked pool per
 * swap in a server whose worker threads live for days. Weakly held, a closed pool is collected; while it is open, the
 * pool itself holds its connections.
 *
 * <p>
 * The gate: Agroal hands every returned connection to {@link #put}, once per return, after resetting it and before
 * marking it available. (Agroal skips the cache only when it shrinks a pool whose maximum was lowered at run time,
 * which Attached never does, or for a connection enlisted in a transaction, which needs a transaction manager
 * Attached does not configure.) Counting the return here costs one atomic add, where a pool listener made Agroal
 * call out four times per loan.
 */
final class WeakThreadCache implements ConnectionCache {

    private final GenerationGate gate;
    private volatile ThreadLocal<WeakReference<Acquirable>> local = new ThreadLocal<>();

    WeakThreadCache(GenerationGate gate) {
        this.gate = gate;
    }

    @Override
    public Acquirable get() {
        WeakReference<Acquirable> cached = local.get();
        Acquirable acquirable = cached == null ? null : cached.get();
        return acquirable != null && acquirable.acquire() ? acquirable : null;
    }

    @Override
    public void put(Acquirable acquirable) {
        if (acquirable.isAcquirable()) {
            WeakReference<Acquirable> cached = local.get();
            if (cached == null || cached.get() != acquirable) { // a thread mostly gets back the same connection
                local.set(new WeakReference<>(acquirable));
            }
        }
        gate.leave(); // the loan is over: last, since a retired pool may close from here on
    }

    @Override
    public void reset() {
        local = new ThreadLocal<>();
    }
}
