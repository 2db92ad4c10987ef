package dev.attached.benchmarks;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.util.concurrent.atomic.LongAdder;

import io.agroal.api.AgroalDataSourceListener;
import io.agroal.api.cache.Acquirable;
import io.agroal.api.cache.ConnectionCache;

/**
 * Copies of two parts of Attached's pool (package-private in the engine, so copied, line for line, from
 * {@code dev.attached.impl.kind.LentConnections} and {@code WeakThreadCache}), added one at a time to a bare Agroal
 * pool: the JMH ladder that says which part of the overhead comes from where.
 */
final class EngineParts {

    private EngineParts() {
    }

    /** As {@code LentConnections}: two striped counter updates and a volatile read per borrow and return. */
    static final class CountingListener implements AgroalDataSourceListener {

        private static final Runnable NOBODY = () -> {
        };

        private final LongAdder lent = new LongAdder();
        private volatile Runnable onReturn = NOBODY;

        int count() {
            return (int) lent.sum();
        }

        void onReturn(Runnable released) {
            onReturn = released;
        }

        @Override
        public void onConnectionAcquire(Connection connection) {
            lent.increment();
        }

        @Override
        public void beforeConnectionReturn(Connection connection) {
            lent.decrement();
            onReturn.run();
        }
    }

    /** As {@code WeakThreadCache}: Agroal's per-thread cache, holding the connection weakly. */
    static final class WeakCache implements ConnectionCache {

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
                if (cached == null || cached.get() != acquirable) {
                    local.set(new WeakReference<>(acquirable));
                }
            }
        }

        @Override
        public void reset() {
            local = new ThreadLocal<>();
        }
    }
}
