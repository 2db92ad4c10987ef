package dev.attached.console.testapp;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;
import dev.attached.ResourceHandle;

/**
 * The test application's resources, as the integration tests see them on the console: {@code orders-db} is swapped
 * by the browser test, {@code stock-db} by the HTTP test, and {@code geo-api} points at a port nobody listens on, so
 * its readiness is DOWN.
 */
@ApplicationScoped
public class Warehouse {

    @Inject
    @AttachedResource("orders-db")
    DataSource orders;

    @Inject
    @AttachedResource("stock-db")
    DataSource stock;

    @Inject
    @AttachedResource("geo-api")
    ResourceHandle geo;
}
