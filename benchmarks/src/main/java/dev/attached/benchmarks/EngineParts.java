package dev.attached.benchmarks;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.cache.Acquirable;
import io.agroal.api.cache.ConnectionCache;

import dev.attached.impl.runtime.GenerationGate;

/**
 * Copies of the parts of Attached's pool (package-private in the engine, so copied, line for line, from
 * {@code dev.attached.impl.kind.StripedConnectionCache} and {@code Pool}; the gate itself is the engine's
 * {@link GenerationGate}), added one at a time to a bare Agroal pool: the JMH ladder that says which part of the
 * overhead comes from where.
 */
final class EngineParts {

    private EngineParts() {
    }

    /**
     * As {@code StripedConnectionCache}: the connection each stripe of threads gave back last, kept in the pool
     * instead of Agroal's thread-local, and counting every return on the pool's gate (one atomic add).
     */
    static final class StripedCache implements ConnectionCache {

        private static final int PAD = 32;

        private final GenerationGate gate;
        private final Acquirable[] slots = new Acquirable[(GenerationGate.stripeCount() + 1) * PAD];

        StripedCache(GenerationGate gate) {
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
                if (slots[slot] != acquirable) {
                    slots[slot] = acquirable;
                }
            }
            gate.leave();
        }

        @Override
        public void reset() {
            Arrays.fill(slots, null);
        }

        private static int slot() {
            return (GenerationGate.stripeOfThisThread() + 1) * PAD;
        }
    }

    /** A listener that only looks at a volatile flag after each return: what merely having a listener costs. */
    static final class QuietListener implements io.agroal.api.AgroalDataSourceListener {

        private volatile boolean retired;

        @Override
        public void onConnectionReturn(Connection connection) {
            if (retired) {
                throw new IllegalStateException();
            }
        }
    }

    /** As {@code Pool.lend()}: every borrowing enters the gate first (one atomic add); the return leaves it. */
    static final class GatedPool implements DataSource {

        private final AgroalDataSource agroal;
        private final GenerationGate gate;

        GatedPool(AgroalDataSource agroal, GenerationGate gate) {
            this.agroal = agroal;
            this.gate = gate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!gate.tryEnter()) {
                return null;
            }
            try {
                return agroal.getConnection();
            } catch (Throwable e) {
                gate.leave();
                throw e;
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
