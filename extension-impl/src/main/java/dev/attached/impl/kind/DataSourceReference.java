package dev.attached.impl.kind;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.attached.impl.Messages;

/**
 * The injected {@code DataSource}: one per resource, for the application's lifetime. {@link #getConnection()} reads
 * the current generation's pool and asks it to lend a connection; the pool's gate counts the caller from before it
 * asks Agroal until the connection is returned, so a retired pool is closed neither under a caller still acquiring
 * from it nor under a connection still lent. A caller that read a pool just before it was retired is turned away by
 * its gate and asks the pool that replaced it. The other methods touch no connection and need no gate.
 *
 * <p>
 * {@link #unwrap} gives only this reference: the pool behind it is replaced at every swap and closed after it, so
 * handing it out would hand out something that goes stale and escapes the drain.
 */
final class DataSourceReference implements DataSource {

    private final String name;
    private final Supplier<DataSource> current;

    /** @param current the current generation's pool, or the detached stand-in while there is none */
    DataSourceReference(String name, Supplier<DataSource> current) {
        this.name = name;
        this.current = current;
    }

    @Override
    public Connection getConnection() throws SQLException {
        for (;;) {
            DataSource now = current.get();
            if (!(now instanceof Pool pool)) {
                return now.getConnection(); // detached: the stand-in says so
            }
            Connection connection = pool.lend();
            if (connection != null) {
                return connection;
            }
            // retired since it was read: the slot already holds its successor
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current.get().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return current.get().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        current.get().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        current.get().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return current.get().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return current.get().getParentLogger();
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
