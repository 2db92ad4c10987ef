package dev.attached.impl.kind;

import java.sql.Driver;
import java.util.Map;

import dev.attached.ResourceHandle;

/**
 * A DataSource generation's configuration, read and checked once: the JDBC URL without credentials, the driver
 * class, the pool settings, and every driver property (the connect timeout in the driver's own terms included).
 */
record DataSourceSettings(ResourceHandle handle, String jdbcUrl, Class<? extends Driver> driver, PoolSettings pool,
        Map<String, String> driverProperties) {
}
