package dev.attached.impl.kind;

import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.AgroalDataSourceConfiguration;
import io.agroal.api.configuration.supplier.AgroalConnectionFactoryConfigurationSupplier;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

import dev.attached.ResourceHandle;
import dev.attached.ResourceUsage;
import dev.attached.impl.config.Handle;
import dev.attached.impl.config.JdbcUrlOptions;
import dev.attached.impl.config.KeyReader;
import dev.attached.impl.runtime.GenerationGate;
import dev.attached.impl.runtime.ResourceSlot;
import dev.attached.spi.Current;
import dev.attached.spi.Current.Lease;
import dev.attached.spi.ResourceKind;

/**
 * {@code javax.sql.DataSource}, pooled by Agroal. Accepts JDBC URLs and the platform forms {@code postgres://},
 * {@code postgresql://}, {@code mysql://}, {@code mariadb://}; the driver comes from the application's class path.
 */
public final class DataSourceKind implements ResourceKind<DataSourceSettings, DataSource> {

    /** Driver properties: {@code attached.<name>.jdbc.sslmode=require} passes {@code sslmode=require}. */
    static final String JDBC_PROPERTY_PREFIX = "jdbc.";

    @Override
    public String name() {
        return "datasource";
    }

    @Override
    public Class<DataSource> type() {
        return DataSource.class;
    }

    @Override
    public Set<String> keys() {
        return PoolSettings.KEYS;
    }

    @Override
    public DataSourceSettings configure(ResourceHandle handle, List<String> problems) {
        Handle read = (Handle) handle;
        String scheme = read.scheme();
        if (!JdbcUrls.fits(scheme)) {
            problems.add("url: scheme '" + scheme + "' does not fit a DataSource (use jdbc:..., postgres://, "
                    + "postgresql://, mysql:// or mariadb://)");
            return null;
        }
        if (!scheme.startsWith("jdbc:") && (read.url().host() == null || read.url().host().isEmpty())) {
            problems.add(
                    "url: a " + scheme + ":// URL needs a host, as in " + scheme + "://db.example.com:5432/orders");
            return null;
        }
        PoolSettings pool = PoolSettings.read(handle, problems);
        String jdbcUrl = JdbcUrls.toJdbc(read);
        problems.addAll(JdbcUrlOptions.problems(handle.name(), JdbcUrls.subprotocol(jdbcUrl), read.url().options()));
        Class<? extends Driver> driver = pool.driver().isPresent()
                ? driverClass(pool.driver().get(), jdbcUrl, problems)
                : JdbcUrls.driverFor(jdbcUrl).map(Driver::getClass).orElse(null);
        if (driver == null && pool.driver().isEmpty()) {
            problems.add("url: no JDBC driver on the class path accepts " + JdbcUrls.subprotocol(jdbcUrl)
                    + " URLs; add the driver to the application, or name its class in driver");
        }
        Map<String, String> properties = new TreeMap<>(ConnectTimeouts.properties(JdbcUrls.subprotocol(jdbcUrl),
                pool.connectTimeout(), handle.property(PoolSettings.CONNECT_TIMEOUT).isPresent(), problems));
        properties.putAll(handle.propertiesUnder(JDBC_PROPERTY_PREFIX)); // what the user sets wins
        return new DataSourceSettings(handle, jdbcUrl, driver, pool, Map.copyOf(properties));
    }

    /**
     * The class named in {@code driver}, checked as Agroal will use it: a {@code java.sql.Driver} with a public
     * no-argument constructor that accepts the URL. Every failure names the key, not the url.
     */
    private static Class<? extends Driver> driverClass(String name, String jdbcUrl, List<String> problems) {
        String shown = KeyReader.quote(name.strip());
        String className = shown.substring(1, shown.lastIndexOf('\''));
        Class<?> type;
        try {
            type = Class.forName(name.strip(), false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(PoolSettings.DRIVER + ": class " + className + " is not on the application's class path");
            return null;
        }
        if (!Driver.class.isAssignableFrom(type)) {
            problems.add(PoolSettings.DRIVER + ": class " + className + " is not a java.sql.Driver");
            return null;
        }
        Driver driver;
        try {
            driver = (Driver) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            problems.add(PoolSettings.DRIVER + ": class " + className + " cannot be instantiated (it needs a public "
                    + "no-argument constructor and must not be abstract)");
            return null;
        }
        try {
            if (!driver.acceptsURL(jdbcUrl)) {
                problems.add(PoolSettings.DRIVER + ": " + className + " does not accept "
                        + JdbcUrls.subprotocol(jdbcUrl) + " URLs");
                return null;
            }
        } catch (SQLException | RuntimeException e) {
            problems.add(PoolSettings.DRIVER + ": " + className + " does not accept " + JdbcUrls.subprotocol(jdbcUrl)
                    + " URLs (" + e.getClass().getSimpleName() + ")");
            return null;
        }
        return type.asSubclass(Driver.class);
    }

    @Override
    public DataSource open(DataSourceSettings settings) throws SQLException {
        PoolSettings pool = settings.pool();
        GenerationGate gate = new GenerationGate();
        // Agroal's configuration is built with the pool, so nothing of Agroal is loaded before it is needed
        Pool opened = new Pool(() -> AgroalDataSource.from(agroalConfiguration(settings, gate)), gate,
                pool.maxSize());
        if (pool.initialSize() > 0 || pool.minSize() > 0) {
            opened.open(); // connections asked for at start are opened at start
        }
        return opened;
    }

    private static AgroalDataSourceConfigurationSupplier agroalConfiguration(DataSourceSettings settings,
            GenerationGate gate) {
        PoolSettings pool = settings.pool();
        return new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp
                        .minSize(pool.minSize())
                        .maxSize(pool.maxSize())
                        .initialSize(pool.initialSize())
                        .acquisitionTimeout(pool.acquisitionTimeout())
                        .reapTimeout(pool.idleTimeout())
                        .maxLifetime(pool.maxLifetime())
                        .idleValidationTimeout(pool.idleValidation())
                        .validationTimeout(pool.validationInterval())
                        .leakTimeout(pool.leakTimeout())
                        .connectionCache(new StripedConnectionCache(gate))
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .exceptionSorter(ExceptionSorter.fatalExceptionSorter())
                        .connectionFactoryConfiguration(cf -> connectionFactory(cf, settings)));
    }

    private static AgroalConnectionFactoryConfigurationSupplier connectionFactory(
            AgroalConnectionFactoryConfigurationSupplier cf, DataSourceSettings settings) {
        ResourceHandle handle = settings.handle();
        cf.jdbcUrl(settings.jdbcUrl()).autoCommit(true).connectionProviderClass(settings.driver());
        handle.username().ifPresent(user -> cf.principal(new NamePrincipal(user)));
        handle.password().ifPresent(password -> cf.credential(new SimplePassword(password)));
        settings.driverProperties().forEach(cf::jdbcProperty);
        return cf;
    }

    /** A probe borrows a connection and validates it; an exhausted pool is in use, not unreachable. */
    @Override
    public Map<String, Object> probe(DataSource resource, Duration timeout) throws SQLException {
        Pool pool = (Pool) resource;
        int lent = Math.min(pool.inUse(), pool.maxSize()); // beyond it: callers waiting for a connection
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pool.active", lent);
        data.put("pool.max-size", pool.maxSize());
        if (lent >= pool.maxSize()) {
            data.put("pool", "exhausted: all " + pool.maxSize() + " connections are in use");
            return data;
        }
        try (Connection connection = pool.borrow()) {
            if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
                throw new SQLTransientConnectionException("the database did not validate a connection");
            }
        }
        return data;
    }

    /**
     * Connections lent by this pool, open ones waiting, and callers waiting for one: Agroal's own counts. Agroal keeps
     * them only with its metrics on, which cost a little on every borrow; so they are switched on for a pool the first
     * time someone asks (a status page, a metrics exporter), not for every application.
     */
    @Override
    public Optional<ResourceUsage> usage(DataSource resource) {
        Pool pool = (Pool) resource;
        int lent = Math.min(pool.inUse(), pool.maxSize()); // beyond it: callers waiting for a connection
        Optional<AgroalDataSource> agroal = pool.ifOpened();
        if (agroal.isEmpty()) {
            return Optional.of(new ResourceUsage(lent, 0, pool.maxSize(), 0)); // not used yet: nothing open
        }
        AgroalDataSourceConfiguration configuration = agroal.get().getConfiguration();
        if (!configuration.metricsEnabled()) {
            configuration.setMetricsEnabled(true);
        }
        AgroalDataSourceMetrics metrics = agroal.get().getMetrics();
        return Optional.of(new ResourceUsage(lent, (int) metrics.availableCount(), pool.maxSize(),
                (int) metrics.awaitingCount()));
    }

    /**
     * Opens about as many connections as the replaced pool has lent out, so the callers that arrive right after the
     * cutover find them ready: borrowed all at once (so each is a connection of its own), then given back.
     */
    @Override
    public void warmUp(DataSource resource, int inUse, Duration budget) throws SQLException {
        Pool pool = (Pool) resource;
        int wanted = Math.min(inUse, pool.maxSize());
        long deadline = System.nanoTime() + budget.toNanos();
        List<Connection> opened = new ArrayList<>();
        try {
            while (opened.size() < wanted && System.nanoTime() < deadline) {
                opened.add(pool.borrow());
            }
        } finally {
            for (Connection connection : opened) {
                connection.close();
            }
        }
    }

    @Override
    public int inUse(DataSource resource) {
        return ((Pool) resource).inUse();
    }

    @Override
    public void retiring(DataSource resource, Runnable released) {
        ((Pool) resource).retire(released);
    }

    @Override
    public void close(DataSource resource) {
        ((Pool) resource).close();
    }

    @Override
    public Object reference(Type type, Current<DataSource> current) {
        return new DataSourceReference(current.name(), current instanceof ResourceSlot<?, DataSource> slot
                ? slot::resource // one volatile read; the pool's own gate does the counting
                : () -> {
                    try (Lease<DataSource> lease = current.enter()) {
                        return lease.resource();
                    }
                });
    }

    @Override
    public DataSource detached(String message) {
        return new DetachedDataSource(message);
    }
}
