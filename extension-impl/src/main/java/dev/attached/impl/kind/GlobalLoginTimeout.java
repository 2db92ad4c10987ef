package dev.attached.impl.kind;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Agroal sets {@code DriverManager}'s login timeout, one value for the whole JVM, whenever it builds a pool on a
 * {@code Driver}. Attached gives each pool its timeout through the driver's own properties instead, and puts the
 * JVM's value back as it was, so one application's pools never change another's.
 */
final class GlobalLoginTimeout {

    private static final Object LOCK = new Object();

    private GlobalLoginTimeout() {
    }

    interface PoolFactory<T> {
        T create() throws SQLException;
    }

    static <T> T keptAround(PoolFactory<T> factory) throws SQLException {
        synchronized (LOCK) {
            int before = DriverManager.getLoginTimeout();
            try {
                return factory.create();
            } finally {
                DriverManager.setLoginTimeout(before);
            }
        }
    }
}
