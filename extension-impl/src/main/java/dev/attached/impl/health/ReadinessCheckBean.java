package dev.attached.impl.health;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.PassivationCapable;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import dev.attached.impl.runtime.ResourceRegistry;

/**
 * The {@code @Readiness HealthCheck} bean of one resource. A {@code Bean} of its own rather than one built with
 * {@code AfterBeanDiscovery.addBean()}, because its bean class decides where a container files it: Weld files a bean
 * added as a {@code Bean} under the bean archive of {@link #getBeanClass()}, and a configured one under the archive of
 * the extension that added it, which for this jar (an extension, not a bean archive) is an archive Weld makes up for
 * it. A server's health subsystem looks the checks up from an archive that may not see that one: WildFly's looks them
 * up from its own module's archive, which sees the deployment's bean archives but not the made-up one. So the bean
 * class is a class of the application that injects a resource: wherever the server looks from, it sees the archive
 * of the application's own classes, as it must to find the application's own checks (Open Liberty looks from it).
 */
final class ReadinessCheckBean implements Bean<HealthCheck>, PassivationCapable {

    private static final Set<Type> TYPES = Set.of(HealthCheck.class, Object.class);
    private static final Set<Annotation> QUALIFIERS = Set.of(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE);

    private final String name;
    private final Class<?> beanClass;
    private final ResourceRegistry registry;
    private final ReadinessProbes probes;
    private final HealthBeans beans;

    ReadinessCheckBean(String name, Class<?> beanClass, ResourceRegistry registry, ReadinessProbes probes,
            HealthBeans beans) {
        this.name = name;
        this.beanClass = beanClass;
        this.registry = registry;
        this.probes = probes;
        this.beans = beans;
    }

    /** @throws IllegalStateException once the application failed to start (see {@link HealthBeans}) */
    @Override
    public HealthCheck create(CreationalContext<HealthCheck> context) {
        if (beans.hasStartFailed()) {
            throw new IllegalStateException(ResourceReadinessCheck.checkName(name)
                    + " is not available: the application failed to deploy (see its configuration problems)");
        }
        return new ResourceReadinessCheck(name, registry, probes);
    }

    @Override
    public void destroy(HealthCheck instance, CreationalContext<HealthCheck> context) {
        context.release();
    }

    @Override
    public Class<?> getBeanClass() {
        return beanClass;
    }

    @Override
    public Set<Type> getTypes() {
        return TYPES;
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return QUALIFIERS;
    }

    /** A pseudo-scope: no client proxy, and one check per resource however often a server looks them up. */
    @Override
    public Class<? extends Annotation> getScope() {
        return Singleton.class;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<Class<? extends Annotation>> getStereotypes() {
        return Set.of();
    }

    @Override
    public boolean isAlternative() {
        return false;
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return Set.of();
    }

    @Override
    public String getId() {
        return "dev.attached#readiness#" + name;
    }

    @Override
    public String toString() {
        return "ReadinessCheckBean[" + ResourceReadinessCheck.checkName(name) + "]";
    }
}
