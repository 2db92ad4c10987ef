package dev.attached.impl.health;

import jakarta.enterprise.inject.Vetoed;

import org.eclipse.microprofile.health.Readiness;

/**
 * Never a bean: a marker for servers that switch MicroProfile Health on only when their scan of the application finds
 * a class annotated {@code @Readiness}, {@code @Liveness}, {@code @Startup} or {@code @Path}. Payara Micro does;
 * Attached's readiness checks are synthetic beans, which no class scan sees, so an application without such a class
 * of its own would serve {@code {"status":"UP","checks":[]}}.
 */
@Readiness
@Vetoed
final class ServerHealthActivation {

    private ServerHealthActivation() {
    }
}
