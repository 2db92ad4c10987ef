package dev.attached.impl.kind;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

/**
 * The JDBC drivers an application's class loader registered in {@code DriverManager}. Drivers register themselves
 * when their class is loaded, and {@code DriverManager} is the JVM's: a driver from {@code WEB-INF/lib} left there
 * keeps the whole undeployed application reachable. Runs in the application's class loader, so it sees them.
 */
public final class JdbcDrivers {

    private static final Logger LOG = Logger.getLogger(JdbcDrivers.class.getName());

    private JdbcDrivers() {
    }

    /** The registered drivers whose class {@code loader} defined. */
    public static List<Driver> loadedBy(ClassLoader loader) {
        return Collections.list(DriverManager.getDrivers()).stream()
                .filter(driver -> driver.getClass().getClassLoader() == loader).toList();
    }

    /**
     * Deregisters the drivers {@code loader} defined, unless it is the JVM's own class path loader (or one of its
     * parents), whose drivers belong to everybody.
     */
    public static void deregisterLoadedBy(ClassLoader loader) {
        if (loader == null || isSystemOrParent(loader)) {
            return;
        }
        for (Driver driver : loadedBy(loader)) {
            try {
                DriverManager.deregisterDriver(driver);
                LOG.fine(() -> "Deregistered JDBC driver " + driver.getClass().getName());
            } catch (SQLException | SecurityException e) {
                LOG.fine(() -> "Could not deregister JDBC driver " + driver.getClass().getName() + ": " + e);
            }
        }
    }

    private static boolean isSystemOrParent(ClassLoader loader) {
        for (ClassLoader system = ClassLoader.getSystemClassLoader(); system != null; system = system.getParent()) {
            if (system == loader) {
                return true;
            }
        }
        return false;
    }
}
