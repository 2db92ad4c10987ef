package dev.attached.impl.kind;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;

import dev.attached.impl.runtime.GenerationGate;

/**
 * One generation of a DataSource resource: an Agroal pool and its gate, which counts every connection lent out
 * together with the caller that asked for it. A caller enters the gate before it asks Agroal for a connection, and
 * the connection's return to the pool (which Agroal announces through the pool's {@link StripedConnectionCache}) leaves
 * it: one atomic add each way, with no listener on the pool. So a retired pool closes exactly when the last caller
 * acquiring from it has left and the last connection it lent has come back.
 *
 * <p>
 * Every borrowing goes through {@link #lend} or {@link #borrow}: the pool's own {@code getConnection} is not exposed,
 * since a connection taken past the gate would leave it on return without having entered it.
 *
 * <p>
 * Agroal's pool is made when it is first needed (a caller, a probe, a warm-up), not when the generation is opened: a
 * resource declared but not used yet costs no thread and no Agroal classes at start-up. A swap still opens its new pool
 * before the cutover, since its probe borrows from it.
 */
final class Pool implements DataSource {

    private final GlobalLoginTimeout.PoolFactory<AgroalDataSource> factory;
    private final GenerationGate gate;
    private final int maxSize;

    private volatile AgroalDataSource agroal; // null until first needed
    private boolean closed; // guarded by this

    Pool(GlobalLoginTimeout.PoolFactory<AgroalDataSource> factory, GenerationGate gate, int maxSize) {
        this.factory = factory;
        this.gate = gate;
        this.maxSize = maxSize;
    }

    /** Agroal's pool, made by the first one to need it. */
    private AgroalDataSource agroal() throws SQLException {
        AgroalDataSource made = agroal;
        return made != null ? made : open();
    }

    /** Makes Agroal's pool now, if it is not made yet; throws if this pool has been closed. */
    synchronized AgroalDataSource open() throws SQLException {
        if (agroal == null) {
            if (closed) {
                throw new SQLException("the pool is closed");
            }
            agroal = GlobalLoginTimeout.keptAround(factory);
        }
        return agroal;
    }

    /** Agroal's pool if something has needed it yet; its counts are then worth asking for. */
    Optional<AgroalDataSource> ifOpened() {
        return Optional.ofNullable(agroal);
    }

    /**
     * A connection for a caller of the injected reference, or null if this pool has been retired meanwhile: the
     * caller then asks the generation that replaced it.
     */
    Connection lend() throws SQLException {
        if (!gate.tryEnter()) {
            return null;
        }
        return acquire();
    }

    /** A connection for Attached's own work on a pool it holds (a probe, a warm-up): counted all the same. */
    Connection borrow() throws SQLException {
        gate.enter();
        return acquire();
    }

    private Connection acquire() throws SQLException {
        try {
            return agroal().getConnection();
        } catch (Throwable e) { // no connection, so the caller leaves here
            gate.leave();
            throw e;
        }
    }

    /** Connections lent plus callers acquiring one; exact once the pool is retired. */
    int inUse() {
        return gate.inside();
    }

    /** From now on nobody new gets a connection here, and {@code released} runs at every return. */
    void retire(Runnable released) {
        gate.retire(released);
    }

    int maxSize() {
        return maxSize;
    }

    synchronized void close() {
        closed = true;
        if (agroal != null) {
            agroal.close();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return borrow();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        gate.enter();
        try {
            return agroal().getConnection(username, password);
        } catch (Throwable e) {
            gate.leave();
            throw e;
        }
    }

    // Agroal's pool keeps no log writer and no login timeout (each pool's connect timeout is a driver property), so
    // these answer as it does, without making it

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
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("a generation's pool is not handed out");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public String toString() {
        return "Pool[" + inUse() + " of " + maxSize + " connections in use]";
    }
}
