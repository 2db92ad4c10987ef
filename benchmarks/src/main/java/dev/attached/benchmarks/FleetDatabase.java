package dev.attached.benchmarks;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.attached.AttachedResource;
import dev.attached.ResourceSwapFailed;
import dev.attached.ResourceSwapped;

/**
 * A fleet member's application bean: one injected DataSource, {@code fleet-db}, and observers that tell the step
 * about every swap at once ({@code ResourceSwapped} is fired right after the cutover).
 */
@ApplicationScoped
public class FleetDatabase {

    static final String NAME = "fleet-db";

    @Inject
    @AttachedResource(NAME)
    DataSource db;

    /** The injected reference itself. */
    public DataSource db() {
        return db;
    }

    void swapped(@Observes ResourceSwapped swapped) {
        FleetMember.say("SWAP " + swapped.generation() + " " + FleetMember.stamp() + " " + swapped.location());
    }

    void failed(@Observes ResourceSwapFailed failed) {
        FleetMember.say("FAILED " + failed.generation() + " " + FleetMember.stamp() + " " + failed.error());
    }
}
