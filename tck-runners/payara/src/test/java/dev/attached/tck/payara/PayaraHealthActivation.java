package dev.attached.tck.payara;

import jakarta.enterprise.inject.Vetoed;

import org.eclipse.microprofile.health.Readiness;

/**
 * Never used: its {@code @Readiness} makes Payara turn on MicroProfile Health for the application. Payara registers
 * an application's health checks only when its annotation scan finds {@code @Readiness}, {@code @Liveness},
 * {@code @Startup} or {@code @Path} on a class of the WAR (its {@code HealthSniffer}); Attached's checks are
 * synthetic beans, so a WAR with no such class of its own shows none. See {@link HealthActivation}.
 */
@Readiness
@Vetoed
public final class PayaraHealthActivation {

    private PayaraHealthActivation() {
    }
}
