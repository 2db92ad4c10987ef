package dev.attached.impl.kind;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/** What a detached DataSource resource serves: every attempt to connect fails fast, saying which key to set. */
final class DetachedDataSource implements DataSource {

    /** SQLState class 08: connection exception. */
    private static final String CONNECTION_DOES_NOT_EXIST = "08003";

    private final String message;

    DetachedDataSource(String message) {
        this.message = message;
    }

    @Override
    public Connection getConnection() throws SQLException {
        throw new SQLException(message, CONNECTION_DOES_NOT_EXIST);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException(message, CONNECTION_DOES_NOT_EXIST);
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
        throw new SQLFeatureNotSupportedException(message);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException(message, CONNECTION_DOES_NOT_EXIST);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public String toString() {
        return "DetachedDataSource[" + message + "]";
    }
}
