package dev.attached.impl.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.sql.Driver;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.attached.impl.testing.WebAppLoader;

/** A redeployed application's JDBC drivers do not stay registered in the JVM-wide DriverManager. */
class JdbcDriversTest {

    @Test
    void theDriversAnApplicationRegisteredAreDeregisteredAndNoOthers() throws Exception {
        URL h2 = org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation();
        URL impl = JdbcDrivers.class.getProtectionDomain().getCodeSource().getLocation();
        try (WebAppLoader app = new WebAppLoader(
                name -> name.startsWith("org.h2.") || name.equals(JdbcDrivers.class.getName()), h2, impl)) {
            Class.forName("org.h2.Driver", true, app); // a driver registers itself as its class is loaded
            Class<?> drivers = Class.forName(JdbcDrivers.class.getName(), true, app);
            assertEquals(1, registeredBy(drivers, app).size());

            drivers.getMethod("deregisterLoadedBy", ClassLoader.class).invoke(null, app);

            assertEquals(List.of(), registeredBy(drivers, app));
        }
        assertEquals(1, JdbcDrivers.loadedBy(org.h2.Driver.class.getClassLoader()).stream()
                .filter(d -> d.getClass() == org.h2.Driver.class).count(), "the class path's own H2 driver stays");
    }

    @Test
    void theJvmsOwnClassPathDriversAreLeftAlone() throws IOException {
        ClassLoader classPath = org.h2.Driver.class.getClassLoader();
        int before = JdbcDrivers.loadedBy(classPath).size();
        JdbcDrivers.deregisterLoadedBy(classPath);
        assertEquals(before, JdbcDrivers.loadedBy(classPath).size());
    }

    @SuppressWarnings("unchecked")
    private static List<Driver> registeredBy(Class<?> drivers, ClassLoader loader) throws Exception {
        return (List<Driver>) drivers.getMethod("loadedBy", ClassLoader.class).invoke(null, loader);
    }
}
