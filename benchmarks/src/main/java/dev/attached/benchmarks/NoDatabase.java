package dev.attached.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * An application bean of the same kind as {@link OneDatabase} but with no resource: what the start-up baselines
 * deploy, so that the cost of a normal-scoped bean (Weld makes its client proxy at boot) is on both sides.
 */
@ApplicationScoped
public class NoDatabase {
}
