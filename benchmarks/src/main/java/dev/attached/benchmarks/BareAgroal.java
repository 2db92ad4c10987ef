package dev.attached.benchmarks;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.cache.ConnectionCache;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

/**
 * The baseline: a bare Agroal pool configured as Attached configures its pools by default (20 connections at most,
 * none opened at start, 5 s acquisition timeout, validation after 5 s idle and every 2 min, 5 min idle timeout,
 * 30 min lifetime, the same validator and exception sorter, auto-commit, the driver's connect timeout), with Agroal's
 * defaults otherwise: metrics off and Agroal's own per-thread connection cache.
 */
final class BareAgroal {

    private BareAgroal() {
    }

    static AgroalDataSource open(String jdbcUrl, String user, String password) throws SQLException {
        return open(jdbcUrl, user, password, null);
    }

    /** @param cache a connection cache instead of Agroal's default, or null for the default */
    static AgroalDataSource open(String jdbcUrl, String user, String password, ConnectionCache cache,
            io.agroal.api.AgroalDataSourceListener... listeners) throws SQLException {
        Driver driver = DriverManager.getDriver(jdbcUrl);
        Map<String, String> timeouts = jdbcUrl.startsWith("jdbc:postgresql")
                ? Map.of("connectTimeout", "10", "loginTimeout", "10")
                : jdbcUrl.startsWith("jdbc:mariadb") ? Map.of("connectTimeout", "10000") : Map.of();
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> {
                    cp.minSize(0)
                            .maxSize(20)
                            .initialSize(0)
                            .acquisitionTimeout(Duration.ofSeconds(5))
                            .reapTimeout(Duration.ofMinutes(5))
                            .maxLifetime(Duration.ofMinutes(30))
                            .idleValidationTimeout(Duration.ofSeconds(5))
                            .validationTimeout(Duration.ofMinutes(2))
                            .leakTimeout(Duration.ZERO)
                            .connectionValidator(ConnectionValidator.defaultValidator())
                            .exceptionSorter(ExceptionSorter.fatalExceptionSorter())
                            .connectionFactoryConfiguration(cf -> {
                                cf.jdbcUrl(jdbcUrl).autoCommit(true).connectionProviderClass(driver.getClass());
                                if (user != null && !user.isEmpty()) {
                                    cf.principal(new NamePrincipal(user));
                                }
                                if (password != null && !password.isEmpty()) {
                                    cf.credential(new SimplePassword(password));
                                }
                                timeouts.forEach(cf::jdbcProperty);
                                return cf;
                            });
                    if (cache != null) {
                        cp.connectionCache(cache);
                    }
                    return cp;
                });
        return AgroalDataSource.from(configuration, listeners);
    }
}
