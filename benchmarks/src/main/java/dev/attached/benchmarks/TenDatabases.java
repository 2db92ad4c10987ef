package dev.attached.benchmarks;

import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;

/** An application bean with ten injected DataSources, {@code r0} to {@code r9}. */
@ApplicationScoped
public class TenDatabases {

    static final List<String> NAMES = List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");

    @Inject
    @AttachedResource("r0")
    DataSource r0;

    @Inject
    @AttachedResource("r1")
    DataSource r1;

    @Inject
    @AttachedResource("r2")
    DataSource r2;

    @Inject
    @AttachedResource("r3")
    DataSource r3;

    @Inject
    @AttachedResource("r4")
    DataSource r4;

    @Inject
    @AttachedResource("r5")
    DataSource r5;

    @Inject
    @AttachedResource("r6")
    DataSource r6;

    @Inject
    @AttachedResource("r7")
    DataSource r7;

    @Inject
    @AttachedResource("r8")
    DataSource r8;

    @Inject
    @AttachedResource("r9")
    DataSource r9;
}
