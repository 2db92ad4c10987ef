package dev.attached.impl.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import dev.attached.ResourceStatus;
import dev.attached.impl.Messages;
import dev.attached.impl.runtime.ResourceRegistry;

/**
 * The readiness of one resource, named {@code attached:<name>}. Never throws and never waits longer than the
 * resource's {@code health.timeout}: servers call checks one after another and one failing check fails them all.
 */
public final class ResourceReadinessCheck implements HealthCheck {

    private final String name;
    private final ResourceRegistry registry;
    private final ReadinessProbes probes;

    ResourceReadinessCheck(String name, ResourceRegistry registry, ReadinessProbes probes) {
        this.name = name;
        this.registry = registry;
        this.probes = probes;
    }

    public static String checkName(String resourceName) {
        return "attached:" + resourceName;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(checkName(name));
        try {
            ProbeOutcome outcome = probes.check(name);
            ResourceStatus status = registry.slot(name).status(); // no usage: reading it turns pool metrics on
            response.status(outcome.up())
                    .withData("kind", status.kind())
                    .withData("location", status.location())
                    .withData("generation", status.generation())
                    .withData("state", status.state().name());
            outcome.error().ifPresent(error -> response.withData("error", error));
            status.lastError().ifPresent(error -> response.withData("last-swap-error", error));
            outcome.data().forEach((key, value) -> withData(response, key, value));
        } catch (RuntimeException e) {
            response.down().withData("error", Messages.checkFailed(e));
        }
        return response.build();
    }

    private static void withData(HealthCheckResponseBuilder response, String key, Object value) {
        if (value instanceof Number number) {
            response.withData(key, number.longValue());
        } else if (value instanceof Boolean bool) {
            response.withData(key, bool);
        } else {
            response.withData(key, String.valueOf(value));
        }
    }

    @Override
    public String toString() {
        return "ResourceReadinessCheck[" + checkName(name) + "]";
    }
}
