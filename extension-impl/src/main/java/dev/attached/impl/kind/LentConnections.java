package dev.attached.impl.kind;

import java.sql.Connection;
import java.util.concurrent.atomic.LongAdder;

import io.agroal.api.AgroalDataSourceListener;

/**
 * Counts the connections a pool has lent out, and tells a draining generation when one comes back. Agroal's own
 * count needs its metrics, which time every acquisition; this costs two striped counter updates.
 */
final class LentConnections implements AgroalDataSourceListener {

    private static final Runnable NOBODY = () -> {
    };

    private final LongAdder lent = new LongAdder();
    private volatile Runnable onReturn = NOBODY;

    int count() {
        return (int) lent.sum();
    }

    /** From now on {@code released} runs every time a connection comes back. */
    void onReturn(Runnable released) {
        onReturn = released;
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        lent.increment();
    }

    @Override
    public void beforeConnectionReturn(Connection connection) {
        // fired for every return, including those the pool then flushes instead of keeping
        lent.decrement();
        onReturn.run();
    }
}
