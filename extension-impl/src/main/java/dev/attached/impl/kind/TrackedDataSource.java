package dev.attached.impl.kind;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;

/**
 * One generation's pool, counting the callers inside {@code getConnection()}: a caller waiting for a connection to
 * be created is in-flight work too, and Agroal's metrics do not count it, so a drain must not close under it.
 */
final class TrackedDataSource implements DataSource {

    private final AgroalDataSource pool;
    private final AtomicInteger acquiring = new AtomicInteger();

    TrackedDataSource(AgroalDataSource pool) {
        this.pool = pool;
    }

    AgroalDataSource pool() {
        return pool;
    }

    /** Borrowed connections plus callers still acquiring one. */
    int inUse() {
        return acquiring.get() + (int) pool.getMetrics().activeCount();
    }

    @Override
    public Connection getConnection() throws SQLException {
        acquiring.incrementAndGet();
        try {
            return pool.getConnection();
        } finally {
            acquiring.decrementAndGet();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        acquiring.incrementAndGet();
        try {
            return pool.getConnection(username, password);
        } finally {
            acquiring.decrementAndGet();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(pool) ? iface.cast(pool) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(pool) || pool.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "DataSource[Agroal pool, " + inUse() + " in use]";
    }
}
