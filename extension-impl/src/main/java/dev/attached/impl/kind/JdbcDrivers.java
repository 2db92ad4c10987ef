package dev.attached.impl.kind;

import java.lang.ref.SoftReference;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import java.util.logging.Logger;

import dev.attached.impl.Messages;

/**
 * The JDBC drivers of an application's class loader: those {@code ServiceLoader} finds there, loaded once per loader
 * and forgotten at shutdown, and those registered in {@code DriverManager}. Drivers register themselves when their
 * class is loaded, and {@code DriverManager} is the JVM's: a driver from {@code WEB-INF/lib} left there keeps the
 * whole undeployed application reachable. Runs in the application's class loader, so it sees them.
 */
public final class JdbcDrivers {

    private static final Logger LOG = Logger.getLogger(JdbcDrivers.class.getName());

    /**
     * The drivers found per application class loader. Loading them reads every jar's service file and instantiates
     * every driver, so it is done once, not once per resource. Attached may be a library the server shares between
     * applications, so nothing here may keep an undeployed application's loader reachable: {@link #deregisterLoadedBy}
     * forgets its entry at shutdown, the key is weak, and the value soft, since its drivers reference their loader and
     * would otherwise keep a weak key alive should a shutdown never come (a failed deployment).
     */
    private static final Map<ClassLoader, SoftReference<List<Driver>>> FOUND = new WeakHashMap<>();

    private JdbcDrivers() {
    }

    /**
     * The drivers {@code ServiceLoader} finds through {@code loader}, in its order, each instantiated once per loader.
     * A driver that cannot be loaded or instantiated is skipped with a warning.
     */
    static List<Driver> found(ClassLoader loader) {
        synchronized (FOUND) {
            SoftReference<List<Driver>> held = FOUND.get(loader);
            List<Driver> drivers = held == null ? null : held.get();
            if (drivers == null) {
                drivers = load(loader);
                FOUND.put(loader, new SoftReference<>(drivers));
            }
            return drivers;
        }
    }

    private static List<Driver> load(ClassLoader loader) {
        List<Driver> drivers = new ArrayList<>();
        Iterator<Driver> found = ServiceLoader.load(Driver.class, loader).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    return List.copyOf(drivers);
                }
                drivers.add(found.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // a broken or unrelated driver on the class path: the others still count
                LOG.warning(() -> Messages.driverSkipped(e));
            }
        }
    }

    /** Forgets the drivers found through {@code loader}: the next lookup loads them again. */
    static void forget(ClassLoader loader) {
        synchronized (FOUND) {
            FOUND.remove(loader);
        }
    }

    /** The registered drivers whose class {@code loader} defined. */
    public static List<Driver> loadedBy(ClassLoader loader) {
        return Collections.list(DriverManager.getDrivers()).stream()
                .filter(driver -> driver.getClass().getClassLoader() == loader).toList();
    }

    /**
     * At an application's shutdown: forgets the drivers found through {@code loader}, and deregisters those it
     * defined, unless it is the JVM's own class path loader (or one of its parents), whose drivers belong to
     * everybody.
     */
    public static void deregisterLoadedBy(ClassLoader loader) {
        forget(loader);
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
