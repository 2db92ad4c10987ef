package dev.attached.impl.health;

import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;

import dev.attached.AttachedResource;
import dev.attached.impl.runtime.ResourceRegistry;

/**
 * The {@code @Readiness HealthCheck} beans of one application, one per resource, found by any MicroProfile Health
 * implementation. Referenced only when the MicroProfile Health API is present. No liveness check: a dead database must
 * not get the application restarted. The checks are {@code @Singleton}, a pseudo-scope: no client proxy, which
 * OpenWebBeans would build by subclassing the final check class, and one instance per resource however often a server
 * looks them up. Each is a {@link ReadinessCheckBean}, filed under the bean archive of a class of the application
 * that injects a resource (it says why).
 * <p>
 * A server may collect the checks while the deployment is validated and keep them for good: WildFly's health
 * subsystem looks them up in its own {@code AfterDeploymentValidation} observer and removes them only on shutdown,
 * which a deployment that fails validation never reaches. So once the application {@linkplain #startFailed() failed to
 * start}, a check can no longer be created: the lookup fails with the deployment instead of leaving a DOWN check of an
 * application that does not exist in the server's readiness.
 */
public final class HealthBeans {

    private volatile boolean startFailed;

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

    /**
     * The class of the bean an {@code @AttachedResource} injection point belongs to (the class declaring it if it
     * belongs to none), or null for any other injection point.
     */
    public static Class<?> resourceUser(InjectionPoint injectionPoint) {
        if (injectionPoint.getQualifiers().stream().noneMatch(AttachedResource.class::isInstance)) {
            return null;
        }
        Bean<?> bean = injectionPoint.getBean();
        return bean != null ? bean.getBeanClass() : injectionPoint.getMember().getDeclaringClass();
    }

    /**
     * @param resourceUser a class of the application that injects a resource ({@link #resourceUser}): the checks are
     *            filed under its bean archive; null files them under this jar's
     */
    public static HealthBeans register(AfterBeanDiscovery abd, Iterable<String> names, ResourceRegistry registry,
            Class<?> resourceUser) {
        HealthBeans beans = new HealthBeans();
        ReadinessProbes probes = new ReadinessProbes(registry);
        Class<?> beanClass = resourceUser != null ? resourceUser : ResourceReadinessCheck.class;
        for (String name : names) {
            abd.addBean(new ReadinessCheckBean(name, beanClass, registry, probes, beans));
        }
        return beans;
    }

    /** The resources were not started: the deployment fails. Call it before other extensions validate. */
    public void startFailed() {
        startFailed = true;
    }

    boolean hasStartFailed() {
        return startFailed;
    }
}
