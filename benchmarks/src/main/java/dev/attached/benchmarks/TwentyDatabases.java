package dev.attached.benchmarks;

import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;

/** An application bean with twenty injected DataSources, {@code s0} to {@code s19}. */
@ApplicationScoped
public class TwentyDatabases {

    static final List<String> NAMES = List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
            "s12", "s13", "s14", "s15", "s16", "s17", "s18", "s19");

    @Inject
    @AttachedResource("s0")
    DataSource s0;

    @Inject
    @AttachedResource("s1")
    DataSource s1;

    @Inject
    @AttachedResource("s2")
    DataSource s2;

    @Inject
    @AttachedResource("s3")
    DataSource s3;

    @Inject
    @AttachedResource("s4")
    DataSource s4;

    @Inject
    @AttachedResource("s5")
    DataSource s5;

    @Inject
    @AttachedResource("s6")
    DataSource s6;

    @Inject
    @AttachedResource("s7")
    DataSource s7;

    @Inject
    @AttachedResource("s8")
    DataSource s8;

    @Inject
    @AttachedResource("s9")
    DataSource s9;

    @Inject
    @AttachedResource("s10")
    DataSource s10;

    @Inject
    @AttachedResource("s11")
    DataSource s11;

    @Inject
    @AttachedResource("s12")
    DataSource s12;

    @Inject
    @AttachedResource("s13")
    DataSource s13;

    @Inject
    @AttachedResource("s14")
    DataSource s14;

    @Inject
    @AttachedResource("s15")
    DataSource s15;

    @Inject
    @AttachedResource("s16")
    DataSource s16;

    @Inject
    @AttachedResource("s17")
    DataSource s17;

    @Inject
    @AttachedResource("s18")
    DataSource s18;

    @Inject
    @AttachedResource("s19")
    DataSource s19;
}
