package dev.attached.impl.kind;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.attached.impl.Messages;
import dev.attached.spi.Current;
import dev.attached.spi.Current.Lease;

/**
 * The injected {@code DataSource}: one per resource, for the application's lifetime. Each call enters the current
 * generation, so a pool is not closed while a caller is still acquiring from it; a borrowed connection is counted by
 * the pool until it is closed.
 *
 * <p>
 * {@link #unwrap} gives only this reference: the pool behind it is replaced at every swap and closed after it, so
 * handing it out would hand out something that goes stale and escapes the drain.
 */
final class DataSourceReference implements DataSource {

    private final String name;
    private final Current<DataSource> current;

    DataSourceReference(String name, Current<DataSource> current) {
        this.name = name;
        this.current = current;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try (Lease<DataSource> lease = current.enter()) {
            return lease.resource().getConnection();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        try (Lease<DataSource> lease = current.enter()) {
            return lease.resource().getConnection(username, password);
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        try (Lease<DataSource> lease = current.enter()) {
            return lease.resource().getLogWriter();
        }
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        try (Lease<DataSource> lease = current.enter()) {
            lease.resource().setLogWriter(out);
        }
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        try (Lease<DataSource> lease = current.enter()) {
            lease.resource().setLoginTimeout(seconds);
        }
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        try (Lease<DataSource> lease = current.enter()) {
            return lease.resource().getLoginTimeout();
        }
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        try (Lease<DataSource> lease = current.enter()) {
            return lease.resource().getParentLogger();
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException(Messages.unwrapRefused(name, iface.getName()));
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "@AttachedResource(\"" + name + "\") DataSource";
    }
}
