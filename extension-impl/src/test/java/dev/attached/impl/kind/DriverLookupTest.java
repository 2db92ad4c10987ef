package dev.attached.impl.kind;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attached.AttachedResource;
import dev.attached.impl.testing.LogCapture;
import dev.attached.impl.testing.TestApp;
import dev.attached.impl.testing.WebAppLoader;

/**
 * Finding the driver of a resource's URL instantiates each JDBC driver of the application once, however many
 * resources look theirs up, and an application's shutdown forgets them, so they do not keep it reachable.
 */
class DriverLookupTest {

    @TempDir
    Path dir;

    /**
     * What the test drivers have alike: no properties, version 1.0, not compliant. Public, as a class a web
     * application's loader defines may extend only a public class of the class path.
     */
    public abstract static class TestDriver implements Driver {

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }
    }

    /** A driver for {@code jdbc:counting:} URLs that counts the instances {@code ServiceLoader} makes of it. */
    public static final class CountingDriver extends TestDriver {

        static final AtomicInteger FOUND = new AtomicInteger();

        public CountingDriver() {
            // Agroal makes instances of its own for its pools: only the lookups' instances count here
            if (StackWalker.getInstance().walk(frames -> frames
                    .anyMatch(f -> f.getClassName().equals("java.util.ServiceLoader$ProviderImpl")))) {
                FOUND.incrementAndGet();
            }
        }

        @Override
        public boolean acceptsURL(String url) {
            return url.startsWith("jdbc:counting:");
        }

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            throw new SQLException("no database behind " + url);
        }
    }

    /** A driver that cannot be instantiated, as one built for another Java or missing a dependency. */
    public static final class BrokenDriver extends TestDriver {

        public BrokenDriver() {
            throw new IllegalStateException("broken on purpose");
        }

        @Override
        public boolean acceptsURL(String url) {
            return true;
        }

        @Override
        public Connection connect(String url, Properties info) {
            return null;
        }
    }

    /** An application bean with five DataSource resources. */
    @ApplicationScoped
    public static class FiveDatabases {

        @Inject
        @AttachedResource("db1")
        DataSource db1;

        @Inject
        @AttachedResource("db2")
        DataSource db2;

        @Inject
        @AttachedResource("db3")
        DataSource db3;

        @Inject
        @AttachedResource("db4")
        DataSource db4;

        @Inject
        @AttachedResource("db5")
        DataSource db5;
    }

    @BeforeEach
    void resetCount() {
        CountingDriver.FOUND.set(0);
    }

    @Test
    void eachDriverIsInstantiatedOnceHoweverManyResourcesLookItUp() throws Exception {
        try (URLClassLoader app = new URLClassLoader(new URL[]{services(BrokenDriver.class, CountingDriver.class)},
                DriverLookupTest.class.getClassLoader());
                LogCapture log = new LogCapture()) {
            for (int i = 0; i < 20; i++) {
                String url = "jdbc:counting:db" + i;
                assertEquals(CountingDriver.class, in(app, () -> JdbcUrls.driverFor(url)).orElseThrow().getClass());
            }

            assertEquals(1, CountingDriver.FOUND.get());
            assertEquals(1, occurrences(log.text(), "ATTACHED-040: a JDBC driver on the class path was skipped"),
                    "the broken driver is skipped with one warning:\n" + log.text());
            assertEquals(org.h2.Driver.class, in(app, () -> JdbcUrls.driverFor("jdbc:h2:mem:orders")).orElseThrow()
                    .getClass(), "the class path's own drivers are found through the application's loader too");
            JdbcDrivers.deregisterLoadedBy(app);
        }
    }

    @Test
    void eachApplicationLoaderFindsItsOwnDrivers() throws Exception {
        URL services = services(CountingDriver.class);
        try (URLClassLoader first = new URLClassLoader(new URL[]{services}, getClass().getClassLoader());
                URLClassLoader second = new URLClassLoader(new URL[]{services}, getClass().getClassLoader())) {
            in(first, () -> JdbcUrls.driverFor("jdbc:counting:a"));
            in(second, () -> JdbcUrls.driverFor("jdbc:counting:b"));
            in(first, () -> JdbcUrls.driverFor("jdbc:counting:c"));

            assertEquals(2, CountingDriver.FOUND.get());
            JdbcDrivers.deregisterLoadedBy(first);
            JdbcDrivers.deregisterLoadedBy(second);
        }
    }

    @Test
    void shutdownForgetsTheDrivers() throws Exception {
        try (URLClassLoader app = new URLClassLoader(new URL[]{services(CountingDriver.class)},
                getClass().getClassLoader())) {
            in(app, () -> JdbcUrls.driverFor("jdbc:counting:a"));

            JdbcDrivers.deregisterLoadedBy(app); // what the extension does at BeforeShutdown

            in(app, () -> JdbcUrls.driverFor("jdbc:counting:a"));
            assertEquals(2, CountingDriver.FOUND.get(), "found again after the shutdown");
            JdbcDrivers.deregisterLoadedBy(app);
        }
    }

    @Test
    void anApplicationWithFiveResourcesInstantiatesItsDriverOnceAndForgetsItAtShutdown() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[]{services(CountingDriver.class)},
                getClass().getClassLoader())) {
            in(loader, () -> {
                try (TestApp app = TestApp.with("attached.db1.url", "jdbc:counting:one", "attached.db2.url",
                        "jdbc:counting:two", "attached.db3.url", "jdbc:counting:three", "attached.db4.url",
                        "jdbc:counting:four", "attached.db5.url", "jdbc:counting:five").beans(FiveDatabases.class)
                        .start()) {
                    assertEquals(5, app.resources().names().size());
                    assertEquals(1, CountingDriver.FOUND.get());
                }
                JdbcUrls.driverFor("jdbc:counting:one");
                assertEquals(2, CountingDriver.FOUND.get(), "the shutdown forgot the driver");
                return null;
            });
            JdbcDrivers.deregisterLoadedBy(loader);
        }
    }

    @Test
    void anUndeployedApplicationsDriversDoNotKeepItsLoaderReachable() throws Exception {
        URL testClasses = CountingDriver.class.getProtectionDomain().getCodeSource().getLocation();
        // the application defines the counting driver itself, as a driver in WEB-INF/lib is
        WebAppLoader app = new WebAppLoader(name -> name.equals(CountingDriver.class.getName()),
                services(CountingDriver.class), testClasses);
        Driver driver = in(app, () -> JdbcUrls.driverFor("jdbc:counting:a")).orElseThrow();
        assertSame(app, driver.getClass().getClassLoader(), "the application's own copy of the driver");
        driver = null;
        WeakReference<ClassLoader> undeployed = new WeakReference<>(app);

        JdbcDrivers.deregisterLoadedBy(app);
        app.close();
        app = null;

        await().atMost(30, SECONDS).until(() -> {
            System.gc();
            return undeployed.get() == null;
        });
    }

    /** A folder with a {@code META-INF/services/java.sql.Driver} that names the drivers. */
    private URL services(Class<?>... drivers) throws IOException {
        Path folder = Files.createTempDirectory(dir, "app");
        Path file = folder.resolve("META-INF/services/java.sql.Driver");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Arrays.stream(drivers).map(Class::getName).collect(Collectors.joining("\n")) + "\n");
        return folder.toUri().toURL();
    }

    /** Runs as the application whose class loader is {@code loader} would: the context class loader is its own. */
    private static <T> T in(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static int occurrences(String text, String fragment) {
        int count = 0;
        for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
            count++;
        }
        return count;
    }
}
