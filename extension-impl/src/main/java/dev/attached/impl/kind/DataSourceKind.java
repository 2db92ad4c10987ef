package dev.attached.impl.kind;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalConnectionFactoryConfigurationSupplier;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

import dev.attached.ResourceHandle;
import dev.attached.impl.config.Handle;
import dev.attached.spi.ResourceKind;

/**
 * {@code javax.sql.DataSource}, pooled by Agroal. Accepts JDBC URLs and the platform forms {@code postgres://},
 * {@code postgresql://}, {@code mysql://}, {@code mariadb://}; the driver comes from the application's class path.
 */
public final class DataSourceKind implements ResourceKind<DataSource> {

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
    public List<String> validate(ResourceHandle handle) {
        List<String> problems = new ArrayList<>();
        String scheme = ((Handle) handle).scheme();
        if (!JdbcUrls.fits(scheme)) {
            problems.add("url: scheme '" + scheme + "' does not fit a DataSource (use jdbc:..., postgres://, "
                    + "postgresql://, mysql:// or mariadb://)");
            return problems;
        }
        PoolSettings settings = PoolSettings.read(handle, problems);
        String jdbcUrl = JdbcUrls.toJdbc(handle);
        if (settings.driver().isEmpty() && JdbcUrls.driverFor(jdbcUrl).isEmpty()) {
            problems.add("url: no JDBC driver on the class path accepts " + JdbcUrls.subprotocol(jdbcUrl)
                    + " URLs; add the driver to the application, or name its class in driver");
        }
        return problems;
    }

    @Override
    public DataSource open(ResourceHandle handle) throws SQLException {
        PoolSettings pool = PoolSettings.read(handle, new ArrayList<>());
        String jdbcUrl = JdbcUrls.toJdbc(handle);
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
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
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .exceptionSorter(ExceptionSorter.fatalExceptionSorter())
                        .connectionFactoryConfiguration(cf -> connectionFactory(cf, handle, pool, jdbcUrl)));
        return new TrackedDataSource(AgroalDataSource.from(configuration));
    }

    private static AgroalConnectionFactoryConfigurationSupplier connectionFactory(
            AgroalConnectionFactoryConfigurationSupplier cf, ResourceHandle handle, PoolSettings pool,
            String jdbcUrl) {
        cf.jdbcUrl(jdbcUrl).autoCommit(true).loginTimeout(pool.connectTimeout());
        if (pool.driver().isPresent()) {
            cf.connectionProviderClassName(pool.driver().get());
        } else {
            JdbcUrls.driverFor(jdbcUrl).map(Driver::getClass).ifPresent(cf::connectionProviderClass);
        }
        handle.username().ifPresent(user -> cf.principal(new NamePrincipal(user)));
        handle.password().ifPresent(password -> cf.credential(new SimplePassword(password)));
        jdbcProperties(handle).forEach(cf::jdbcProperty);
        return cf;
    }

    /** A probe borrows a connection and validates it; an exhausted pool is in use, not unreachable. */
    @Override
    public Map<String, Object> probe(DataSource resource, Duration timeout) throws SQLException {
        AgroalDataSource pool = ((TrackedDataSource) resource).pool();
        AgroalDataSourceMetrics metrics = pool.getMetrics();
        int max = pool.getConfiguration().connectionPoolConfiguration().maxSize();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pool.active", metrics.activeCount());
        data.put("pool.max-size", max);
        if (metrics.availableCount() == 0 && metrics.activeCount() >= max) {
            data.put("pool", "exhausted: all " + max + " connections are in use");
            return data;
        }
        try (Connection connection = pool.getConnection()) {
            if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
                throw new SQLTransientConnectionException("the database did not validate a connection");
            }
        }
        return data;
    }

    @Override
    public int inUse(DataSource resource) {
        return ((TrackedDataSource) resource).inUse();
    }

    @Override
    public void close(DataSource resource) {
        ((TrackedDataSource) resource).pool().close();
    }

    @Override
    public DataSource detached(String message) {
        return new DetachedDataSource(message);
    }

    private static Map<String, String> jdbcProperties(ResourceHandle handle) {
        return ((Handle) handle).propertiesUnder(JDBC_PROPERTY_PREFIX);
    }
}
