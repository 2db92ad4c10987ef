package dev.attached.impl.kind;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;

/** One generation of a DataSource resource: an Agroal pool and the count of what it has lent out. */
final class Pool implements DataSource {

    private final AgroalDataSource agroal;
    private final LentConnections lent;
    private final int maxSize;

    Pool(AgroalDataSource agroal, LentConnections lent, int maxSize) {
        this.agroal = agroal;
        this.lent = lent;
        this.maxSize = maxSize;
    }

    AgroalDataSource agroal() {
        return agroal;
    }

    LentConnections lent() {
        return lent;
    }

    int maxSize() {
        return maxSize;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return agroal.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return agroal.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return agroal.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        agroal.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        agroal.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return agroal.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return agroal.getParentLogger();
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
        return "Pool[" + lent.count() + " of " + maxSize + " connections lent]";
    }
}
