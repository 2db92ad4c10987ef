package dev.attached.impl.health;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import dev.attached.impl.runtime.ResourceRegistry;

/**
 * Registers one {@code @Readiness HealthCheck} bean per resource, found by any MicroProfile Health implementation.
 * Referenced only when the MicroProfile Health API is present. No liveness check: a dead database must not get the
 * application restarted. The checks are {@code @Singleton}, a pseudo-scope: no client proxy, which OpenWebBeans would
 * build by subclassing the final check class, and one instance per resource however often a server looks them up.
 */
public final class HealthBeans {

    private HealthBeans() {
    }

    public static boolean available(ClassLoader loader) {
        try {
            Class.forName("org.eclipse.microprofile.health.HealthCheck", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public static void register(AfterBeanDiscovery abd, Iterable<String> names, ResourceRegistry registry) {
        ReadinessProbes probes = new ReadinessProbes(registry);
        for (String name : names) {
            abd.addBean()
                    .id("dev.attached#readiness#" + name)
                    .beanClass(ResourceReadinessCheck.class)
                    .types(HealthCheck.class, Object.class)
                    .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                    .scope(Singleton.class)
                    .produceWith(instance -> new ResourceReadinessCheck(name, registry, probes));
        }
    }
}
