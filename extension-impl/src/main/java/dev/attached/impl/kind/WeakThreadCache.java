package dev.attached.impl.kind;

import java.lang.ref.WeakReference;

import io.agroal.api.cache.Acquirable;
import io.agroal.api.cache.ConnectionCache;

/**
 * Agroal's per-thread connection cache, holding its connection weakly. Agroal's own keeps the connection strongly in
 * a thread-local, and the connection reaches the pool, so every long-lived thread that ever used a pool would keep
 * it, closed or not, reachable forever: one leaked pool per swap in a server whose worker threads live for days.
 * Weakly held, a closed pool is collected; while it is open, the pool itself holds its connections.
 */
final class WeakThreadCache implements ConnectionCache {

    private volatile ThreadLocal<WeakReference<Acquirable>> local = new ThreadLocal<>();

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
    }

    @Override
    public void reset() {
        local = new ThreadLocal<>();
    }
}
