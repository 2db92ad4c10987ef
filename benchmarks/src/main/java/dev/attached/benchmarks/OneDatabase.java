package dev.attached.benchmarks;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;

/** An application bean with one injected DataSource, named {@code bench}. */
@ApplicationScoped
public class OneDatabase {

    static final String NAME = "bench";

    @Inject
    @AttachedResource(NAME)
    DataSource db;

    /** The injected reference itself. */
    public DataSource db() {
        return db;
    }
}
